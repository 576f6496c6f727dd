/**
 * `npm run bench -- abtest [--experiments 500] [--seed 1]`: does the always-valid test keep its
 * promise under continuous peeking, how fast does it find real lifts, and how fast does the SRM
 * check catch a skewed split? Rewards are Bernoulli with mean 0.6, like the bot's thumbs-up rate.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { aaChart } from './abtest-chart.js';
import { DEFAULT_ALPHA, DEFAULT_TUNE_AT_PER_ARM } from '../experiments/always-valid.js';
import { requestsNeeded } from '../experiments/sample-size.js';
import { simulateSequential } from '../experiments/sequential-simulation.js';
import { SRM_P_THRESHOLD } from '../experiments/srm.js';
import { simulateSrm } from './abtest-srm.js';
import type { Rate } from './abtest-stats.js';
import { censoredQuantile, streamRng, wilson } from './abtest-stats.js';
import { machineLine, textTable } from './format.js';

const BASE_MEAN = 0.6;
const LIFTS = [0.02, 0.05, 0.1];
const SRM_SHARE_B = 0.48;

function positiveInt(flag: string, raw: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${flag}="${raw}" is not valid: expected a positive whole number.`);
  return v;
}

const pct = (r: Rate) => `${(100 * r.rate).toFixed(1)}% (${(100 * r.lo).toFixed(1)}–${(100 * r.hi).toFixed(1)})`;
const req = (n: number | null, cap: number) => (n === null ? `>${cap}` : String(n));

/** Planned total requests for a lift, from the true variances, as the verdict would estimate it. */
function planned(lift: number, power: number): number {
  const pA = BASE_MEAN;
  const pB = BASE_MEAN * (1 + lift);
  const n = 100;
  const arm = (p: number) => ({ count: n, mean: p, m2: p * (1 - p) * (n - 1) });
  return (requestsNeeded(arm(pA), arm(pB), { mde: pB - pA, power }) ?? Number.NaN) + 2 * n;
}

export async function abtestCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      experiments: { type: 'string', default: '500' },
      seed: { type: 'string', default: '1' },
      'max-requests': { type: 'string', default: '10000' },
      'look-every': { type: 'string', default: '100' },
      cap: { type: 'string', default: '200000' },
      'srm-cap': { type: 'string', default: '20000' },
      out: { type: 'string', default: 'bench/results' },
    },
  });
  const experiments = positiveInt('experiments', values.experiments);
  const seed = positiveInt('seed', values.seed);
  const maxRequests = positiveInt('max-requests', values['max-requests']);
  const lookEvery = positiveInt('look-every', values['look-every']);
  const cap = positiveInt('cap', values.cap);
  const srmCap = positiveInt('srm-cap', values['srm-cap']);
  const alpha = DEFAULT_ALPHA;
  const started = performance.now();
  const out = (s: string) => process.stdout.write(`${s}\n`);

  out(`# abtest benchmark, ${machineLine()}; ${experiments} experiments per row, seed ${seed}, look every ${lookEvery} requests, α = ${alpha}, τ tuned at ${DEFAULT_TUNE_AT_PER_ARM}/arm`);

  // (a) A/A: any rejection is a false positive.
  const avTimes: Array<number | null> = [];
  const naiveTimes: Array<number | null> = [];
  for (let i = 0; i < experiments; i++) {
    const r = simulateSequential({ rng: streamRng(seed, 1, i), controlMean: BASE_MEAN, variantMean: BASE_MEAN, maxRequests, lookEvery, alpha });
    avTimes.push(r.alwaysValidAt);
    naiveTimes.push(r.naiveAt);
  }
  const avHits = avTimes.filter((t) => t !== null).length;
  const naiveHits = naiveTimes.filter((t) => t !== null).length;
  const aa = { maxRequests, looks: Math.ceil(maxRequests / lookEvery), alwaysValid: wilson(avHits, experiments), naive: wilson(naiveHits, experiments) };
  out(`\n(a) A/A false-positive rate, Bernoulli(${BASE_MEAN}), up to ${maxRequests} requests, ${aa.looks} looks; rate (Wilson 95% interval)`);
  out(textTable(['test', 'false positives', 'rate'], [
    ['always-valid mSPRT', String(avHits), pct(aa.alwaysValid)],
    ['naive z-test, peeked', String(naiveHits), pct(aa.naive)],
  ]));

  // (b) Real lifts: requests until the always-valid interval excludes 0.
  const lifts = LIFTS.map((lift, li) => {
    const times: (number | null)[] = [];
    let wrongSign = 0;
    for (let i = 0; i < experiments; i++) {
      const r = simulateSequential({ rng: streamRng(seed, 10 + li, i), controlMean: BASE_MEAN, variantMean: BASE_MEAN * (1 + lift), maxRequests: cap, lookEvery, alpha });
      if (r.alwaysValidAt !== null && r.alwaysValidSign < 0) wrongSign++;
      times.push(r.alwaysValidAt !== null && r.alwaysValidSign > 0 ? r.alwaysValidAt : null);
    }
    const detected = times.filter((t) => t !== null).length;
    return {
      liftPct: 100 * lift,
      absoluteLift: BASE_MEAN * lift,
      detected: wilson(detected, experiments),
      wrongSign,
      q25: censoredQuantile(times, 0.25),
      median: censoredQuantile(times, 0.5),
      q75: censoredQuantile(times, 0.75),
      plannedMedian: Math.round(planned(lift, 0.5)),
      planned80: Math.round(planned(lift, 0.8)),
    };
  });
  out(`\n(b) requests (both arms) until detection of a true lift, cap ${cap}; planned = sample-size estimate for 50% / 80% power at a single look`);
  out(textTable(['lift', 'detected within cap', 'wrong sign', 'q25', 'median', 'q75', 'planned 50%', 'planned 80%'], lifts.map((l) => [
    `${l.liftPct}% (+${l.absoluteLift.toFixed(3)})`, pct(l.detected), String(l.wrongSign), req(l.q25, cap), req(l.median, cap), req(l.q75, cap), String(l.plannedMedian), String(l.planned80),
  ])));

  // (c) SRM: a 52/48 split configured as 50/50, and a true 50/50 split as the false-alarm control.
  const srmRow = (shareB: number, part: number) => {
    const times = Array.from({ length: experiments }, (_, i) => simulateSrm(streamRng(seed, part, i), shareB, [0.5, 0.5], srmCap, lookEvery).flaggedAt);
    return { actualShareB: shareB, flagged: wilson(times.filter((t) => t !== null).length, experiments), q25: censoredQuantile(times, 0.25), median: censoredQuantile(times, 0.5), q75: censoredQuantile(times, 0.75) };
  };
  const srm = { threshold: SRM_P_THRESHOLD, cap: srmCap, skewed: srmRow(SRM_SHARE_B, 20), balanced: srmRow(0.5, 21) };
  out(`\n(c) SRM check (chi-square, p < ${SRM_P_THRESHOLD}) every ${lookEvery} requests, intended 50/50, cap ${srmCap}`);
  out(textTable(['actual split', 'flagged within cap', 'q25', 'median', 'q75'], [srm.skewed, srm.balanced].map((r) => [
    `${100 - 100 * r.actualShareB}/${100 * r.actualShareB}`, pct(r.flagged), req(r.q25, srmCap), req(r.median, srmCap), req(r.q75, srmCap),
  ])));

  const chartPath = join(values.out, 'abtest.png');
  mkdirSync(values.out, { recursive: true });
  writeFileSync(chartPath, aaChart(avTimes, naiveTimes, lookEvery, maxRequests, alpha));
  const seconds = (performance.now() - started) / 1000;
  out(`\nwrote ${chartPath}; wall time ${seconds.toFixed(1)} s`);
  out(JSON.stringify({ suite: 'abtest', experiments, seed, alpha, lookEvery, baseMean: BASE_MEAN, tuneAtPerArm: DEFAULT_TUNE_AT_PER_ARM, aa, lifts, liftCap: cap, srm, seconds: Math.round(seconds * 10) / 10 }));
}
