import { describe, expect, it } from 'vitest';
import { PRODUCTION_BANDIT, simulateLogs, trueProgressiveValue } from './objective-fixtures.js';
import { prepareLogs } from './objective-logs.js';
import { searchSpace, thetaFromParams, THETA_NAMES } from './objective-theta.js';
import { tuneRouter } from './objective-tune.js';

describe('searchSpace and thetaFromParams', () => {
  it('holds the production defaults and decodes the drift memory into a decay', () => {
    const space = searchSpace();
    expect(space.params.map((p) => p.name)).toEqual(['ridgeLambda', 'epsilon', 'epsilonFloor', 'alpha', 'driftRate', 'driftMemory']);
    const encoded = space.encode({ ...PRODUCTION_BANDIT, driftMemory: 1 / (1 - PRODUCTION_BANDIT.driftDecay) });
    expect(encoded.every((u) => u >= 0 && u <= 1)).toBe(true);
    const theta = thetaFromParams(space.decode(encoded));
    for (const name of THETA_NAMES) expect(theta[name]).toBeCloseTo(PRODUCTION_BANDIT[name], 9);
    expect(space.params.find((p) => p.name === 'ridgeLambda')).toMatchObject({ log: true });
  });

  it('tunes a subset and refuses unknown names', () => {
    expect(searchSpace({ only: ['epsilon', 'ridgeLambda'] }).params.map((p) => p.name)).toEqual(['ridgeLambda', 'epsilon']);
    expect(thetaFromParams({ epsilon: 0.1 })).toEqual({ epsilon: 0.1 });
    expect(() => searchSpace({ only: ['nope' as 'alpha'] })).toThrow(/unknown hyperparameter "nope"/);
  });
});

describe('tuneRouter', () => {
  it('finds a θ at least as good as the default, by the estimate and by the truth', () => {
    const logs = simulateLogs(1000, 21);
    const result = tuneRouter(logs.rows, { bandit: PRODUCTION_BANDIT, trials: 12, seed: 3, only: ['ridgeLambda', 'epsilon'] });
    expect(result.trials).toHaveLength(12);
    expect(result.trials.every((t) => t.score === t.lower)).toBe(true);
    expect(result.best.lower).toBeGreaterThanOrEqual(result.default.lower);
    expect(result.comparison.value).toBeCloseTo(result.best.value - result.default.value, 12);
    expect(result.default.theta).toEqual(PRODUCTION_BANDIT);
    // Only the tuned names move.
    expect(result.best.theta.alpha).toBe(PRODUCTION_BANDIT.alpha);
    expect(result.best.theta.ridgeLambda).toBeLessThan(100);
    expect(trueProgressiveValue(logs, result.best.theta)).toBeGreaterThan(trueProgressiveValue(logs, {}) - 0.01);
  });

  it('is deterministic given the logs and the seed', () => {
    const { rows } = simulateLogs(300, 22);
    const prepared = prepareLogs(rows);
    const run = () => tuneRouter(prepared, { bandit: PRODUCTION_BANDIT, trials: 8, seed: 5, only: ['ridgeLambda'] }).trials.map((t) => t.value);
    expect(run()).toEqual(run());
  });

  it('keeps the configured θ when no trial beats it', () => {
    const { rows } = simulateLogs(300, 23);
    // A greedy default (ε = 0) against constant-ε trials: the target learns from the logs whatever
    // its ε, so t_i(ε) − t_i(0) = ε·D_i with D_i the same for every trial, and uniform play is far
    // worse than greedy here: every trial loses.
    const bandit = { ...PRODUCTION_BANDIT, epsilon: 0, epsilonFloor: 0 };
    const result = tuneRouter(rows, { bandit, trials: 4, seed: 1, only: ['epsilon'], confidence: 0.9 });
    expect(result.trials.every((t) => t.value < result.default.value && t.lower < result.default.lower)).toBe(true);
    expect(result.fromDefault).toBe(true);
    expect(result.best).toBe(result.default);
    expect([result.comparison.value, result.comparison.lower, result.comparison.upper]).toEqual([0, 0, 0]);
    expect(result.comparison.confidence).toBe(0.9);
  });

  it('respects a cost budget through the study’s constraint', () => {
    const { rows } = simulateLogs(800, 24);
    // Greedy routing sends many rows to the expensive arm 1; a tight budget needs more of the cheap arms.
    const result = tuneRouter(rows, { bandit: PRODUCTION_BANDIT, trials: 10, seed: 2, only: ['ridgeLambda', 'epsilon'], costBudget: 0.0024 });
    expect(result.trials.every((t) => t.constraint !== undefined)).toBe(true);
    if (!result.fromDefault) expect(result.best.constraint!).toBeLessThanOrEqual(0);
    const feasible = result.trials.filter((t) => t.constraint! <= 0);
    if (feasible.length > 0 && !result.fromDefault) expect(result.best.lower).toBe(Math.max(...feasible.map((t) => t.lower)));
  });

  it('can maximize the point estimate instead, which prefers noisier trials', () => {
    const { rows } = simulateLogs(600, 26);
    const prepared = prepareLogs(rows);
    const tune = (score: 'lower' | 'value') => tuneRouter(prepared, { bandit: PRODUCTION_BANDIT, trials: 8, seed: 4, sampler: 'quasi-random', score });
    const byValue = tune('value');
    const byLower = tune('lower');
    // Same (quasi-random) trials, two rules for picking among them.
    expect(byValue.trials.map((t) => t.value)).toEqual(byLower.trials.map((t) => t.value));
    expect(byValue.trials.every((t) => t.score === t.value)).toBe(true);
    expect(byValue.best.value).toBeGreaterThanOrEqual(byLower.best.value);
    expect(byLower.best.lower).toBeGreaterThanOrEqual(byValue.best.lower);
  });

  it('rejects a trial count that is not a positive whole number', () => {
    const { rows } = simulateLogs(50, 25);
    expect(() => tuneRouter(rows, { bandit: PRODUCTION_BANDIT, trials: 0 })).toThrow(/trials must be/);
  });
});
