import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../rng.js';
import type { LoggedDecision } from './logged-decision.js';
import { crossFitRidgeRewardModel, fitRidgeRewardModel } from './ridge-reward-model.js';
import { ARMS, trueMean, World } from './synthetic-world.js';

const world = new World(6);

describe('ridge reward model', () => {
  it('recovers a linear reward per arm from noiseless rows', () => {
    const logs = world.logs(600, Sfc32.fromSeed(1)).map((l) => ({ ...l, reward: trueMean(l.x, l.arm) }));
    const q = fitRidgeRewardModel(logs, { lambda: 1e-6 });
    for (const x of world.pool.slice(0, 20)) for (let a = 0; a < ARMS; a++) expect(q(x, a)).toBeCloseTo(trueMean(x, a), 4);
  });

  it('predicts the mean logged reward for an arm it never saw', () => {
    const logs: LoggedDecision[] = [
      { x: [1, 0], arm: 0, reward: 2, propensity: 0.5 },
      { x: [0, 1], arm: 0, reward: 4, propensity: 0.5 },
    ];
    expect(fitRidgeRewardModel(logs, { arms: 2 })([5, 5], 1)).toBe(3);
  });

  it('cross-fitted: a row is predicted by a model that never saw it', () => {
    const logs = world.logs(100, Sfc32.fromSeed(2));
    const changed = logs.map((l, i) => (i === 7 ? { ...l, reward: l.reward + 100 } : l));
    const a = crossFitRidgeRewardModel(logs, { folds: 3 });
    const b = crossFitRidgeRewardModel(changed, { folds: 3 });
    const x = logs[7]!.x;
    for (let arm = 0; arm < ARMS; arm++) expect(b.modelForRow(7)(x, arm)).toBeCloseTo(a.modelForRow(7)(x, arm), 12);
    // …whereas the other folds' models did see it.
    expect(b.modelForRow(8)(x, logs[7]!.arm)).not.toBeCloseTo(a.modelForRow(8)(x, logs[7]!.arm), 3);
  });

  it('cross-fitting from subtracted statistics matches fitting the other folds directly', () => {
    const logs = world.logs(90, Sfc32.fromSeed(3));
    const crossFitted = crossFitRidgeRewardModel(logs, { folds: 3, arms: ARMS });
    const direct = fitRidgeRewardModel(
      logs.filter((_, i) => i % 3 !== 1),
      { arms: ARMS },
    );
    for (let arm = 0; arm < ARMS; arm++) expect(crossFitted.modelForRow(4)(logs[0]!.x, arm)).toBeCloseTo(direct(logs[0]!.x, arm), 10);
  });

  it('one fold fits in-sample; more folds than rows still answer', () => {
    const logs = world.logs(3, Sfc32.fromSeed(4));
    expect(crossFitRidgeRewardModel(logs, { folds: 1 }).modelForRow(0)(logs[0]!.x, 0)).toBe(fitRidgeRewardModel(logs)(logs[0]!.x, 0));
    expect(Number.isFinite(crossFitRidgeRewardModel(logs, { folds: 5, arms: ARMS }).modelForRow(4)(logs[0]!.x, 0))).toBe(true);
  });

  it('rejects bad shapes and settings', () => {
    const logs = world.logs(4, Sfc32.fromSeed(5));
    expect(() => fitRidgeRewardModel([])).toThrow(RangeError);
    expect(() => fitRidgeRewardModel(logs, { lambda: 0 })).toThrow(/lambda/);
    expect(() => crossFitRidgeRewardModel(logs, { folds: 0 })).toThrow(/folds/);
    expect(() => fitRidgeRewardModel([...logs, { x: [1], arm: 0, reward: 0, propensity: 1 }])).toThrow(/features/);
    expect(() => fitRidgeRewardModel(logs, { arms: ARMS })(logs[0]!.x, ARMS)).toThrow(RangeError);
    expect(() => fitRidgeRewardModel(logs, { arms: ARMS })([1, 2], 0)).toThrow(/expects 4 features/);
  });
});
