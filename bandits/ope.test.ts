import { describe, expect, it } from 'vitest';
import type { Estimate } from './estimators/estimate.js';
import { greedyPolicy, loggingPolicy, memoize, softGreedyPolicy, World, wrongModel } from './estimators/synthetic-world.js';
import { comparePolicies, evaluatePolicy, type EvaluateOptions } from './ope.js';
import { Sfc32 } from './rng.js';

/**
 * Replication study on a world whose true values are exact (see synthetic-world.ts): many
 * independent logs from the same softmax logging policy, each evaluated for the greedy target.
 * With 300 replications, a true 95% coverage has a binomial sd of 1.3 points, so "≥ 90%"
 * fails only if an interval is really too narrow (or the estimator biased).
 */
const REPLICATIONS = 300;
const N = 500;

const world = new World(1);
const truth = world.value(greedyPolicy);
const loggingTruth = world.value(loggingPolicy);

interface Summary {
  coverage: number;
  mean: number;
  variance: number;
  meanStdError: number;
}

function summarize(estimates: Estimate[], trueValue: number): Summary {
  const values = estimates.map((e) => e.value);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return {
    coverage: estimates.filter((e) => e.lower <= trueValue && trueValue <= e.upper).length / estimates.length,
    mean,
    variance: values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1),
    meanStdError: estimates.reduce((a, e) => a + e.stdError, 0) / estimates.length,
  };
}

const variants: Record<string, EvaluateOptions> = {
  ips: { estimator: 'ips' },
  snips: { estimator: 'snips' },
  dr: { estimator: 'dr' },
  dm: { estimator: 'dm' },
  dmWrong: { estimator: 'dm', rewardModel: wrongModel },
  drWrong: { estimator: 'dr', rewardModel: wrongModel },
};

const greedy = memoize(greedyPolicy);
const logging = memoize(loggingPolicy);
const results: Record<string, Estimate[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
const comparisons: ReturnType<typeof comparePolicies>[] = [];
for (let r = 0; r < REPLICATIONS; r++) {
  const logs = world.logs(N, Sfc32.fromSeed(1000 + r));
  const target = logs.map((row) => greedy(row.x));
  for (const [name, options] of Object.entries(variants)) results[name]!.push(evaluatePolicy(logs, target, options));
  comparisons.push(comparePolicies(logs, target, logging));
}
const summary = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, summarize(v, truth)]));

describe('off-policy evaluation on synthetic logs with a known value', () => {
  it('has a greedy target clearly better than the logging policy (sanity of the fixture)', () => {
    expect(truth - loggingTruth).toBeGreaterThan(0.2);
  });

  for (const name of ['ips', 'snips', 'dr', 'drWrong']) {
    it(`${name}: 95 percent intervals cover the true value in at least 90 percent of replications`, () => {
      expect(summary[name]!.coverage).toBeGreaterThanOrEqual(0.9);
    });

    it(`${name}: unbiased — the mean over replications is within 3 Monte Carlo sd of the truth`, () => {
      const { mean, variance } = summary[name]!;
      expect(Math.abs(mean - truth)).toBeLessThan(3 * Math.sqrt(variance / REPLICATIONS));
    });
  }

  it('DR varies less across replications than IPS', () => {
    // Observed ratio ≈ 0.47: reward noise (sd 0.5) bounds what any reward model can remove.
    expect(summary.dr!.variance).toBeLessThan(0.6 * summary.ips!.variance);
  });

  it('DM with a correct-form (ridge, cross-fitted) model is close to the truth', () => {
    expect(Math.abs(summary.dm!.mean - truth)).toBeLessThan(0.02);
  });

  it('DM with a wrong model is biased and its intervals miss; DR with the same model stays covered', () => {
    // Observed bias ≈ 0.05, about 5 of DM's own standard errors: the interval cannot see it.
    expect(Math.abs(summary.dmWrong!.mean - truth)).toBeGreaterThan(0.04);
    expect(summary.dmWrong!.coverage).toBeLessThan(0.1);
    expect(summary.drWrong!.coverage).toBeGreaterThanOrEqual(0.9);
  });

  it('reports the effective sample size for weighted estimators only', () => {
    const ips = results.ips![0]!;
    expect(ips.effectiveSampleSize).toBeGreaterThan(0);
    expect(ips.effectiveSampleSize).toBeLessThan(N);
    expect(results.dm![0]!.effectiveSampleSize).toBeUndefined();
  });

  it('tags every evaluation with its estimator, defaulting to DR', () => {
    const logs = world.logs(50, Sfc32.fromSeed(5));
    expect(evaluatePolicy(logs, greedyPolicy).estimator).toBe('dr');
    expect(evaluatePolicy(logs, greedyPolicy, { estimator: 'snips' }).estimator).toBe('snips');
  });

  it('accepts the target as a function or as per-row probabilities, with the same result', () => {
    const logs = world.logs(200, Sfc32.fromSeed(6));
    const rows = logs.map((row) => softGreedyPolicy(row.x));
    expect(evaluatePolicy(logs, softGreedyPolicy)).toEqual(evaluatePolicy(logs, rows));
  });

  it('rejects an unknown estimator name', () => {
    const logs = world.logs(10, Sfc32.fromSeed(7));
    expect(() => evaluatePolicy(logs, greedyPolicy, { estimator: 'magic' as never })).toThrow(RangeError);
  });
});

describe('comparing two policies on the same logs', () => {
  const trueDifference = truth - loggingTruth;
  const differences = summarize(comparisons, trueDifference);

  it('covers the true difference in ≥ 90% of replications', () => {
    expect(differences.coverage).toBeGreaterThanOrEqual(0.9);
  });

  it('pairs the rows: the difference is tighter than the two separate intervals combined', () => {
    const unpaired = comparisons.map((c) => Math.hypot(c.candidate.stdError, c.baseline.stdError));
    const mean = unpaired.reduce((a, b) => a + b, 0) / unpaired.length;
    expect(differences.meanStdError).toBeLessThan(mean);
  });

  it('has a lower bound above zero for a clearly better candidate in most replications', () => {
    expect(comparisons.filter((c) => c.lower > 0).length / comparisons.length).toBeGreaterThan(0.9);
  });

  it('is exactly zero with zero width for a policy against itself', () => {
    const logs = world.logs(100, Sfc32.fromSeed(8));
    const c = comparePolicies(logs, softGreedyPolicy, softGreedyPolicy, { estimator: 'snips' });
    expect(c.value).toBe(0);
    expect(c.stdError).toBe(0);
    expect(c.candidate.value).toBe(c.baseline.value);
  });

  it('equals the difference of the two separate estimates', () => {
    const logs = world.logs(300, Sfc32.fromSeed(9));
    for (const estimator of ['ips', 'snips', 'dm', 'dr'] as const) {
      const c = comparePolicies(logs, greedyPolicy, loggingPolicy, { estimator });
      const a = evaluatePolicy(logs, greedyPolicy, { estimator });
      const b = evaluatePolicy(logs, loggingPolicy, { estimator });
      expect(c.value).toBeCloseTo(a.value - b.value, 10);
    }
  });
});

