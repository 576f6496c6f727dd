import { describe, expect, it } from 'vitest';
import { EpsilonGreedy } from './exploration/epsilon-greedy.js';
import { LinUcb } from './learners/linucb.js';
import { Policy } from './policy.js';
import { Sfc32 } from './rng.js';
import { sampleArm } from './sampler.js';

describe('ε-greedy explorer', () => {
  it('gives the best arm 1 − ε + ε/K and every other arm the ε/K floor', () => {
    const p = new EpsilonGreedy(0.2).probabilities(Float64Array.from([0.1, 0.9, 0.3, 0.2]));
    expect(Array.from(p)).toEqual([0.05, 0.85, 0.05, 0.05].map((v) => expect.closeTo(v, 12)));
  });

  it('splits ties evenly', () => {
    const p = new EpsilonGreedy(0).probabilities(Float64Array.from([1, 1, 0]));
    expect(Array.from(p)).toEqual([0.5, 0.5, 0]);
  });
});

describe('sampler', () => {
  it('draws arms with the frequencies of their probabilities', () => {
    const rng = Sfc32.fromSeed(11);
    const probabilities = [0.1, 0.6, 0.3];
    const counts = [0, 0, 0];
    for (let i = 0; i < 20000; i++) {
      const { arm, propensity } = sampleArm(probabilities, rng);
      expect(propensity).toBe(probabilities[arm]);
      counts[arm]!++;
    }
    // 4 standard errors of a binomial share at n = 20,000 is under 0.015.
    counts.forEach((c, i) => expect(Math.abs(c / 20000 - probabilities[i]!)).toBeLessThan(0.015));
  });
});

describe('policy', () => {
  const make = (seed: number) =>
    new Policy(new LinUcb({ arms: 3, dimensions: 2, alpha: 1, lambda: 1 }), new EpsilonGreedy(0.3), Sfc32.fromSeed(seed));

  it('makes the same decisions from the same seed', () => {
    const a = make(4);
    const b = make(4);
    for (let i = 0; i < 50; i++) {
      const x = [1, (i % 7) / 7];
      const da = a.select(x);
      expect(b.select(x)).toEqual(da);
      a.update(x, da.arm, da.arm === 1 ? 1 : 0, da.propensity);
      b.update(x, da.arm, da.arm === 1 ? 1 : 0, da.propensity);
    }
  });

  it('learns to prefer the arm that pays', () => {
    const policy = make(8);
    let late = 0;
    for (let i = 0; i < 600; i++) {
      const d = policy.select([1, 0.5]);
      policy.update([1, 0.5], d.arm, d.arm === 2 ? 1 : 0, d.propensity);
      if (i >= 500 && d.arm === 2) late++;
    }
    // Greedy share is 1 − ε + ε/3 = 0.8; allow for sampling noise over 100 draws.
    expect(late).toBeGreaterThan(65);
  });

  it('never draws a masked arm and logs the renormalized propensity', () => {
    const policy = make(3);
    for (let i = 0; i < 200; i++) {
      const d = policy.select([1, 0.5], [true, false, true]);
      expect(d.arm).not.toBe(1);
      expect(d.probabilities[1]).toBe(0);
      expect(d.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(d.propensity).toBe(d.probabilities[d.arm]);
    }
    // Everything masked: the mask is ignored rather than leaving no arm at all.
    expect(policy.select([1, 0.5], [false, false, false]).probabilities.every((p) => p > 0)).toBe(true);
  });

  it('refuses a reward that is not a number', () => {
    expect(() => make(1).update([1, 0], 0, Number.NaN, 0.5)).toThrow(/finite/);
  });
});
