import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../rng.js';
import { importanceWeights } from './importance-weights.js';
import { ips } from './ips.js';
import type { LoggedDecision } from './logged-decision.js';
import { greedyPolicy, LOGGING_FLOOR, loggingPolicy, World } from './synthetic-world.js';

const world = new World(2);

const row = (arm: number, reward: number, propensity: number): LoggedDecision => ({ x: [0], arm, reward, propensity });

describe('IPS', () => {
  it('is the mean of π/p · r', () => {
    const logs = [row(0, 1, 0.5), row(1, 2, 0.25), row(0, 0, 0.5)];
    const target = [
      [1, 0],
      [0.5, 0.5],
      [0, 1],
    ];
    // (1/0.5·1 + 0.5/0.25·2 + 0) / 3 = 2
    expect(ips(logs, target).value).toBeCloseTo(2, 12);
  });

  it('equals the mean logged reward when the target is the logging policy', () => {
    const logs = world.logs(400, Sfc32.fromSeed(1));
    const mean = logs.reduce((a, l) => a + l.reward, 0) / logs.length;
    const e = ips(logs, loggingPolicy);
    expect(e.value).toBeCloseTo(mean, 12);
    expect(e.effectiveSampleSize).toBeCloseTo(400, 9);
  });

  it('rejects empty logs and propensities outside (0, 1] with a RangeError', () => {
    expect(() => ips([], [])).toThrow(/empty logs/);
    expect(() => ips([row(0, 1, 0)], [[1]])).toThrow(RangeError);
    expect(() => ips([row(0, 1, -0.1)], [[1]])).toThrow(/row 0: propensity must be in \(0, 1\]/);
    expect(() => ips([row(0, 1, 1.5)], [[1]])).toThrow(/propensity must be in \(0, 1\], got 1.5/);
    expect(() => ips([row(0, 1, Number.NaN)], [[1]])).toThrow(RangeError);
    expect(() => ips([row(0, Number.NaN, 1)], [[1]])).toThrow(/reward must be finite/);
    expect(() => ips([row(-1, 1, 1)], [[1]])).toThrow(/arm must be a non-negative integer/);
  });

  it('accepts a propensity a rounding error above 1', () => {
    expect(ips([row(0, 1, 1 + 1e-12)], [[1]]).value).toBeCloseTo(1, 9);
  });

  it('clipping bounds every weight and pulls the estimate toward what the logging policy saw', () => {
    const logs = world.logs(500, Sfc32.fromSeed(2));
    const rows = logs.map((l) => greedyPolicy(l.x));
    const raw = importanceWeights(logs, rows);
    const clipped = importanceWeights(logs, rows, { clip: 3 });
    expect(Math.max(...raw)).toBeGreaterThan(3);
    expect(Math.max(...raw)).toBeLessThanOrEqual(1 / LOGGING_FLOOR + 1e-9);
    expect(Math.max(...clipped)).toBeLessThanOrEqual(3);
    clipped.forEach((w, i) => expect(w).toBe(Math.min(raw[i]!, 3)));
    const manual = logs.reduce((a, l, i) => a + clipped[i]! * l.reward, 0) / logs.length;
    expect(ips(logs, rows, { clip: 3 }).value).toBeCloseTo(manual, 12);
    expect(() => importanceWeights(logs, rows, { clip: 0 })).toThrow(RangeError);
  });
});
