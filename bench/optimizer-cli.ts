/**
 * `npm run bench -- optimizer [--functions branin,hartmann6] [--budgets 30,60] [--seeds 20]
 * [--samplers random,quasi-random,gp-ei]`: simple regret (best value found − global minimum) of
 * each sampler on standard test functions, over seeds. Because no sampler looks at the budget,
 * one study of the largest budget is run per seed and read at every budget: its first B trials
 * are exactly a B-trial study, and the wall time is the time to reach trial B.
 */
import { parseArgs } from 'node:util';
import type { SamplerName } from '../optimizer/samplers/create-sampler.js';
import { createSampler, SAMPLER_NAMES } from '../optimizer/samplers/create-sampler.js';
import { GpEiSampler } from '../optimizer/samplers/gp-ei-sampler.js';
import { Study } from '../optimizer/study.js';
import type { TestFunction } from '../optimizer/test-functions.js';
import { hartmann6, TEST_FUNCTIONS } from '../optimizer/test-functions.js';
import { machineLine } from './format.js';
import type { Summary } from './optimizer-stats.js';
import { quantile, summarize } from './optimizer-stats.js';

interface Row extends Summary {
  function: string;
  sampler: string;
  budget: number;
  wallMedS: number;
}

const list = (s: string) => s.split(',').map((v) => v.trim()).filter(Boolean);

function parsePositiveInts(flag: string, raw: string): number[] {
  const out = list(raw).map(Number);
  if (out.length === 0 || out.some((v) => !Number.isInteger(v) || v < 1)) throw new Error(`--${flag}="${raw}" is not valid: expected positive whole numbers separated by commas.`);
  return out;
}

/** One seeded study up to the largest budget; regret and elapsed seconds at each budget. */
function runStudy(fn: TestFunction, sampler: SamplerName, seed: number, budgets: readonly number[]): { regret: number[]; seconds: number[] } {
  const study = new Study({ space: fn.space, sampler: createSampler(sampler, seed) });
  const maxBudget = Math.max(...budgets);
  const regret: number[] = [];
  const seconds: number[] = [];
  let best = Number.POSITIVE_INFINITY;
  const start = performance.now();
  for (let t = 1; t <= maxBudget; t++) {
    const trial = study.ask();
    const value = fn.evaluate(trial.params);
    study.tell(trial.id, value);
    best = Math.min(best, value);
    const at = budgets.indexOf(t);
    if (at >= 0) {
      regret[at] = best - fn.globalMinimum;
      seconds[at] = (performance.now() - start) / 1000;
    }
  }
  return { regret, seconds };
}

/** Median ms for GP-EI to propose one point after 60 observations (Hartmann-6), over seeds. */
function proposeMsAt60(seeds: number): number {
  const times: number[] = [];
  for (let seed = 1; seed <= Math.min(seeds, 10); seed++) {
    const study = new Study({ space: hartmann6.space, sampler: new GpEiSampler({ seed }) });
    for (let t = 0; t < 60; t++) {
      const trial = study.ask();
      study.tell(trial.id, hartmann6.evaluate(trial.params));
    }
    const start = performance.now();
    study.ask();
    times.push(performance.now() - start);
  }
  return quantile(times, 0.5);
}

const fmt = (x: number) => (Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(4) : x.toExponential(3));

export async function optimizerCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      functions: { type: 'string', default: 'branin,hartmann6' },
      budgets: { type: 'string', default: '30,60' },
      seeds: { type: 'string', default: '20' },
      samplers: { type: 'string', default: SAMPLER_NAMES.join(',') },
    },
  });
  const functions = list(values.functions).map((name) => {
    const fn = TEST_FUNCTIONS[name];
    if (!fn) throw new Error(`--functions: unknown function "${name}" (known: ${Object.keys(TEST_FUNCTIONS).join(', ')})`);
    return fn;
  });
  const samplers = list(values.samplers).map((name) => {
    if (!(SAMPLER_NAMES as readonly string[]).includes(name)) throw new Error(`--samplers: unknown sampler "${name}" (known: ${SAMPLER_NAMES.join(', ')})`);
    return name as SamplerName;
  });
  const budgets = [...new Set(parsePositiveInts('budgets', values.budgets))].sort((a, b) => a - b);
  const [seeds] = parsePositiveInts('seeds', values.seeds);

  const rows: Row[] = [];
  const columns = ['function', 'sampler', 'budget', 'n', 'median', 'q25', 'q75', 'mean', 'best', 'worst', 'wall_med_s'];
  process.stdout.write(`# optimizer benchmark, ${machineLine()}; simple regret (best value − global minimum) over seeds ${1}..${seeds!}; columns: ${columns.join(' ')} (regret statistics; wall_med_s = median seconds to trial B)\n`);
  process.stdout.write(`${columns.join('\t')}\n`);
  for (const fn of functions) {
    for (const sampler of samplers) {
      const runs = Array.from({ length: seeds! }, (_, i) => runStudy(fn, sampler, i + 1, budgets));
      budgets.forEach((budget, b) => {
        const row: Row = { function: fn.name, sampler, budget, ...summarize(runs.map((r) => r.regret[b]!)), wallMedS: quantile(runs.map((r) => r.seconds[b]!), 0.5) };
        rows.push(row);
        const cells = [row.function, row.sampler, String(budget), String(row.n), fmt(row.median), fmt(row.q25), fmt(row.q75), fmt(row.mean), fmt(row.best), fmt(row.worst), row.wallMedS.toFixed(3)];
        process.stdout.write(`${cells.join('\t')}\n`);
      });
    }
  }
  const propose = samplers.includes('gp-ei') ? proposeMsAt60(seeds!) : null;
  if (propose !== null) process.stderr.write(`gp-ei: median ${propose.toFixed(1)} ms to propose with 60 observations (Hartmann-6, seeds 1..${Math.min(seeds!, 10)})\n`);
  process.stdout.write(`${JSON.stringify({ suite: 'optimizer', seeds, budgets, rows, proposeMsAt60: propose })}\n`);
}
