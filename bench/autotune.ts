/**
 * `npm run bench -- autotune --data <table.csv> [--lambda L] [--mu M] [--trials N] [--seed S]
 * [--split 0.5] [--replays R] [--start warm|fresh] [--sampler gp-ei] [--score lower|value] [--clip W|none]`:
 * tune the router's θ by off-policy evaluation on a log the default policy wrote over the first
 * part of a table, then check the tuned θ against the default on the rest (bench/autotune-run.ts
 * says exactly how).
 * Prints a readable table and, last, one JSON line.
 */
import { cpus } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config/index.js';
import type { FullTheta } from '../optimizer/objective-theta.js';
import { THETA_NAMES } from '../optimizer/objective-theta.js';
import type { SamplerName } from '../optimizer/samplers/create-sampler.js';
import { SAMPLER_NAMES } from '../optimizer/samplers/create-sampler.js';
import type { AutotuneReport, HeldoutStart } from './autotune-run.js';
import { runAutotune } from './autotune-run.js';
import { fixed, round, textTable } from './format.js';
import { loadTable } from './table/load-table.js';

const HELP = `npm run bench -- autotune --data <table.csv> [--lambda L] [--mu M] [--trials N] [--seed S] [--split 0.5] [--replays R] [--start warm|fresh] [--sampler ${SAMPLER_NAMES.join('|')}] [--score lower|value] [--clip W|none]`;

export function autotuneCommand(argv: string[], config: Config): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' }, lambda: { type: 'string', default: '0' }, mu: { type: 'string', default: '0' },
      trials: { type: 'string', default: '30' }, seed: { type: 'string', default: '1' }, split: { type: 'string', default: '0.5' },
      replays: { type: 'string', default: '5' }, start: { type: 'string', default: 'warm' }, sampler: { type: 'string', default: 'gp-ei' },
      score: { type: 'string', default: 'lower' }, clip: { type: 'string', default: 'none' },
    },
  });
  const num = (name: 'lambda' | 'mu' | 'trials' | 'seed' | 'split' | 'replays', ok: (v: number) => boolean, what: string) => {
    const v = Number(values[name]);
    if (!Number.isFinite(v) || !ok(v)) throw new Error(`--${name}="${values[name]}" is not ${what}.\n${HELP}`);
    return v;
  };
  const lambda = num('lambda', (v) => v >= 0, 'a number ≥ 0');
  const mu = num('mu', (v) => v >= 0, 'a number ≥ 0');
  const trials = num('trials', (v) => Number.isInteger(v) && v >= 1, 'a whole number ≥ 1');
  const seed = num('seed', Number.isInteger, 'a whole number');
  const split = num('split', (v) => v > 0 && v < 1, 'a share strictly between 0 and 1');
  const replays = num('replays', (v) => Number.isInteger(v) && v >= 1, 'a whole number ≥ 1');
  if (values.start !== 'warm' && values.start !== 'fresh') throw new Error(`--start="${values.start}" is not warm or fresh.\n${HELP}`);
  if (!(SAMPLER_NAMES as readonly string[]).includes(values.sampler)) throw new Error(`--sampler="${values.sampler}" is not one of ${SAMPLER_NAMES.join(', ')}.\n${HELP}`);
  if (values.score !== 'lower' && values.score !== 'value') throw new Error(`--score="${values.score}" is not lower or value.\n${HELP}`);
  const clip = values.clip === 'none' ? undefined : Number(values.clip);
  if (clip !== undefined && !(clip > 0)) throw new Error(`--clip="${values.clip}" is not a weight > 0 (or none).\n${HELP}`);
  if (!values.data) throw new Error(`--data is required.\n${HELP}`);

  const started = performance.now();
  const table = loadTable(values.data, { lambda, mu });
  const report = runAutotune(config.bandit, table, {
    trials, seed, split, replays, start: values.start as HeldoutStart, sampler: values.sampler as SamplerName, score: values.score, clip,
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(describe(report, { lambda, mu, replays, start: values.start, score: values.score }));
  console.log(JSON.stringify(toJson(report, {
    data: basename(values.data), lambda, mu, trials, seed, split, replays, start: values.start, sampler: values.sampler, score: values.score, clip: clip ?? null, seconds,
  })));
}

const THETA_DIGITS: Record<keyof FullTheta, number> = { ridgeLambda: 4, epsilon: 4, epsilonFloor: 4, alpha: 3, driftRate: 3, driftDecay: 5 };
const thetaCell = (theta: FullTheta, name: keyof FullTheta) => fixed(theta[name], THETA_DIGITS[name]);
const ci = (e: { lower: number; upper: number }, digits = 4) => `[${fixed(e.lower, digits)}, ${fixed(e.upper, digits)}]`;
const signed = (x: number, digits = 4) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;

function describe(r: AutotuneReport, o: { lambda: number; mu: number; replays: number; start: string; score: string }): string {
  const { tune, outcomes } = r;
  const head = `${r.dataset} (λ = ${o.lambda}${o.mu ? `, μ = ${o.mu}` : ''}): ${r.rows} rows, ${r.arms} arms · log = first ${r.logRows} rows ` +
    `replayed by the default policy (avg reward ${fixed(r.logReward, 4)}) · held out = ${r.heldoutRows} rows, ${o.start} start, ${o.replays} replays`;
  const trials = textTable(
    ['trial', ...THETA_NAMES, 'V̂(θ)', `95% CI (the study maximizes ${o.score === 'lower' ? 'its lower end' : 'V̂'})`],
    tune.trials.map((t, i) => [String(i + 1), ...THETA_NAMES.map((n) => thetaCell(t.theta, n)), fixed(t.value, 4), ci(t)]),
  );
  const both = (f: (which: 'default' | 'tuned') => string) => [f('default'), f('tuned')];
  const estimate = (which: 'default' | 'tuned') => (which === 'default' ? tune.default : tune.best);
  const rows: string[][] = THETA_NAMES.map((n) => [n, thetaCell(tune.default.theta, n), thetaCell(tune.best.theta, n)]);
  rows.push(['log: V̂ (DR)', ...both((w) => fixed(estimate(w).value, 4))]);
  rows.push(['  95% CI (DR ∪ capped DR)', ...both((w) => ci(estimate(w)))]);
  rows.push(['log: V̄ exact (full feedback)', ...both((w) => fixed(outcomes[w].exactObjective, 4))]);
  rows.push(['log: on-policy from scratch', ...both((w) => fixed(outcomes[w].onPolicyLog, 4))]);
  rows.push(['held-out avg reward', ...both((w) => fixed(outcomes[w].heldoutReward, 4))]);
  if (outcomes.default.heldoutQuality !== null) rows.push(['held-out avg quality', ...both((w) => fixed(outcomes[w].heldoutQuality, 4))]);
  if (outcomes.default.heldoutCost !== null) rows.push(['held-out avg cost', ...both((w) => fixed(outcomes[w].heldoutCost, 6))]);
  const summary = textTable(['', 'default', tune.fromDefault ? 'tuned (= default)' : 'tuned'], rows);
  const exactGain = outcomes.tuned.exactObjective - outcomes.default.exactObjective;
  const gains = [
    `gain tuned − default, held out: ${signed(r.gain.value)} ${ci(r.gain)} (paired over ${r.heldoutRows} rows, mean of ${o.replays} replays)`,
    `gain tuned − default, on the log: estimated ${signed(tune.comparison.value)} ${ci(tune.comparison)} (paired terms) · exact ${signed(exactGain)}`,
  ].join('\n');
  const timing = `seconds: log ${r.seconds.log.toFixed(1)}, tuning ${r.seconds.tune.toFixed(1)}, replays ${r.seconds.replays.toFixed(1)}`;
  return [head, '', trials, '', summary, '', gains, timing].join('\n');
}

function toJson(r: AutotuneReport, o: Record<string, unknown> & { seconds: number }) {
  const theta = (t: FullTheta) => Object.fromEntries(THETA_NAMES.map((n) => [n, round(t[n], 6)]));
  const side = (which: 'default' | 'tuned') => {
    const estimate = which === 'default' ? r.tune.default : r.tune.best;
    const out = r.outcomes[which];
    return {
      ...theta(estimate.theta), objective: round(estimate.value), objective_ci: [round(estimate.lower), round(estimate.upper)],
      objective_exact: round(out.exactObjective), onpolicy_log_reward: round(out.onPolicyLog), heldout_reward: round(out.heldoutReward),
      ...(out.heldoutQuality !== null ? { heldout_quality: round(out.heldoutQuality) } : {}),
      ...(out.heldoutCost !== null ? { heldout_cost: round(out.heldoutCost, 8) } : {}),
    };
  };
  const cpu = cpus();
  return {
    bench: 'autotune', data: o['data'], lambda: o['lambda'], mu: o['mu'], trials: o['trials'], seed: o['seed'], split: o['split'],
    start: o['start'], replays: o['replays'], sampler: o['sampler'], score: o['score'], clip: o['clip'], rows: { log: r.logRows, heldout: r.heldoutRows },
    default: side('default'), tuned: { ...side('tuned'), from_default: r.tune.fromDefault },
    gain: round(r.gain.value), gain_ci: [round(r.gain.lower), round(r.gain.upper)],
    ope_gain: round(r.tune.comparison.value), ope_gain_ci: [round(r.tune.comparison.lower), round(r.tune.comparison.upper)],
    ope_gain_exact: round(r.outcomes.tuned.exactObjective - r.outcomes.default.exactObjective),
    seconds: { total: round(o.seconds, 1), log: round(r.seconds.log, 2), tune: round(r.seconds.tune, 1), replays: round(r.seconds.replays, 1) },
    machine: `${cpu[0]?.model.trim() ?? 'unknown cpu'} ×${cpu.length}, Node ${process.version}, ${process.platform}/${process.arch}`,
    date: new Date().toISOString(),
  };
}
