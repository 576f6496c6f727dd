import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../rng.js';
import { dm } from './dm.js';
import { softGreedyPolicy, trueMean, World } from './synthetic-world.js';

const world = new World(4);

describe('DM', () => {
  it('with the true model, is the mean over logged contexts of Σ π(a|x) μ(x, a)', () => {
    const logs = world.logs(300, Sfc32.fromSeed(1));
    const expected =
      logs.reduce((a, l) => {
        const p = softGreedyPolicy(l.x);
        return a + p.reduce((s, pa, arm) => s + pa * trueMean(l.x, arm), 0);
      }, 0) / logs.length;
    const e = dm(logs, softGreedyPolicy, { rewardModel: trueMean });
    expect(e.value).toBeCloseTo(expected, 12);
    expect(e.effectiveSampleSize).toBeUndefined();
  });

  it('fits its own cross-fitted ridge model when none is given, close to the truth', () => {
    const logs = world.logs(2000, Sfc32.fromSeed(2));
    expect(Math.abs(dm(logs, softGreedyPolicy).value - world.value(softGreedyPolicy))).toBeLessThan(0.05);
  });

  it('refuses a model that predicts NaN or ±∞', () => {
    const logs = world.logs(5, Sfc32.fromSeed(3));
    expect(() => dm(logs, softGreedyPolicy, { rewardModel: () => Number.NaN })).toThrow(/reward model predicted NaN/);
  });
});
