import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../rng.js';
import type { LoggedDecision } from './logged-decision.js';
import { snips } from './snips.js';
import { greedyPolicy, loggingPolicy, World } from './synthetic-world.js';

const world = new World(3);

describe('SNIPS', () => {
  it('is Σ w r / Σ w', () => {
    const logs: LoggedDecision[] = [
      { x: [0], arm: 0, reward: 1, propensity: 0.5 },
      { x: [0], arm: 1, reward: 3, propensity: 0.25 },
    ];
    // w = [2, 2]: (2·1 + 2·3) / 4 = 2, whereas IPS would give 4.
    expect(snips(logs, [[1, 0], [0.5, 0.5]]).value).toBeCloseTo(2, 12);
  });

  it('shifts with the rewards: adding c to every reward adds c to the estimate', () => {
    const logs = world.logs(300, Sfc32.fromSeed(1));
    const shifted = logs.map((l) => ({ ...l, reward: l.reward + 10 }));
    expect(snips(shifted, greedyPolicy).value).toBeCloseTo(snips(logs, greedyPolicy).value + 10, 9);
    expect(snips(shifted, greedyPolicy).stdError).toBeCloseTo(snips(logs, greedyPolicy).stdError, 9);
  });

  it('has the delta-method standard error sd(w (r − V̂)) / (w̄ √n)', () => {
    const logs = world.logs(200, Sfc32.fromSeed(2));
    const rows = logs.map((l) => greedyPolicy(l.x));
    const w = logs.map((l, i) => rows[i]![l.arm]! / l.propensity);
    const meanW = w.reduce((a, b) => a + b, 0) / w.length;
    const value = logs.reduce((a, l, i) => a + w[i]! * l.reward, 0) / (meanW * w.length);
    const infl = logs.map((l, i) => (w[i]! * (l.reward - value)) / meanW);
    const sd = Math.sqrt(infl.reduce((a, v) => a + v * v, 0) / (infl.length - 1));
    const e = snips(logs, rows);
    expect(e.value).toBeCloseTo(value, 12);
    expect(e.stdError).toBeCloseTo(sd / Math.sqrt(logs.length), 12);
  });

  it('equals the mean reward when the target is the logging policy', () => {
    const logs = world.logs(100, Sfc32.fromSeed(3));
    expect(snips(logs, loggingPolicy).value).toBeCloseTo(logs.reduce((a, l) => a + l.reward, 0) / 100, 12);
  });

  it('is undefined, and says so, when the target never plays a logged arm', () => {
    const logs: LoggedDecision[] = [{ x: [0], arm: 0, reward: 1, propensity: 0.5 }];
    expect(() => snips(logs, [[0, 1]])).toThrow(/zero probability to every logged arm/);
  });
});
