import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../bandits/rng.js';
import type { ArmStats } from './arm-stats.js';
import { addObservation, emptyArm, mergeArms } from './arm-stats.js';
import { advanceRunning, compareArms } from './always-valid.js';
import { compareAgainstControl } from './multiple-comparisons.js';
import { simulateSequential } from './sequential-simulation.js';

const arm = (count: number, mean: number, variance: number): ArmStats => ({ count, mean, m2: variance * (count - 1) });

describe('streaming arm statistics', () => {
  it('Welford updates and Chan merges agree with the two-pass formulas', () => {
    const xs = [0.2, 1, 0.7, 0.4, 0.9, 0.1, 0.6];
    const one = xs.reduce(addObservation, emptyArm());
    const merged = mergeArms(xs.slice(0, 3).reduce(addObservation, emptyArm()), xs.slice(3).reduce(addObservation, emptyArm()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const m2 = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
    for (const s of [one, merged]) {
      expect(s.count).toBe(xs.length);
      expect(s.mean).toBeCloseTo(mean, 12);
      expect(s.m2).toBeCloseTo(m2, 12);
    }
  });
});

describe('always-valid interval (normal-mixture mSPRT)', () => {
  it('matches a hand-computed fixed-sample example', () => {
    // n = 2000 per arm, means 0.60 / 0.65, variances 0.24 / 0.2275, τ² = 0.01, α = 0.05.
    // V = 0.24/2000 + 0.2275/2000 = 0.00023375
    // half = sqrt(V (V+τ²)/τ² · (2 ln 20 + ln((V+τ²)/V))) = 0.0483453973 (computed with bc -l)
    // log Λ(0) = ½ ln(V/(V+τ²)) + τ² 0.05² / (2 V (V+τ²)) = 3.3358516228 → p = e^{−3.33585} = 0.0355842689
    const r = compareArms(arm(2000, 0.6, 0.24), arm(2000, 0.65, 0.2275), { alpha: 0.05, tau2: 0.01 });
    expect(r.estimate).toBeCloseTo(0.05, 12);
    expect(r.lower).toBeCloseTo(0.0016546027, 9);
    expect(r.upper).toBeCloseTo(0.0983453973, 9);
    expect(r.pValue).toBeCloseTo(0.0355842689, 9);
    expect(r.excludesZero).toBe(true);
    // The p-value and the interval make the same decision at any α.
    expect(compareArms(arm(2000, 0.6, 0.24), arm(2000, 0.65, 0.2275), { alpha: 0.035, tau2: 0.01 }).excludesZero).toBe(false);
  });

  it('is wider than the fixed-sample 95% interval (the price of peeking)', () => {
    const r = compareArms(arm(5000, 0.6, 0.24), arm(5000, 0.61, 0.24));
    const fixedHalf = 1.96 * Math.sqrt(r.variance);
    expect((r.upper - r.lower) / 2).toBeGreaterThan(fixedHalf);
    expect((r.upper - r.lower) / 2).toBeLessThan(2 * fixedHalf);
  });

  it('withholds a decision until each arm has enough data', () => {
    const r = compareArms(arm(10, 0.1, 0.01), arm(10, 0.9, 0.01));
    expect(r).toMatchObject({ lower: -Infinity, upper: Infinity, pValue: 1, excludesZero: false });
  });

  it('running results intersect intervals and keep the smallest p-value', () => {
    const first = compareArms(arm(2000, 0.6, 0.24), arm(2000, 0.65, 0.2275), { tau2: 0.01 });
    const second = compareArms(arm(3000, 0.6, 0.24), arm(3000, 0.62, 0.2356), { tau2: 0.01 });
    const running = advanceRunning(advanceRunning(undefined, first), second);
    expect(running.looks).toBe(2);
    expect(running.lower).toBe(Math.max(first.lower, second.lower));
    expect(running.upper).toBe(Math.min(first.upper, second.upper));
    expect(running.pValue).toBe(Math.min(first.pValue, second.pValue));
  });

  it('splits α over the k − 1 comparisons against control (Bonferroni)', () => {
    const control = arm(4000, 0.6, 0.24);
    const b = arm(4000, 0.63, 0.233);
    const [single] = compareAgainstControl(control, [{ name: 'B', stats: b }]);
    const three = compareAgainstControl(control, [
      { name: 'B', stats: b },
      { name: 'C', stats: arm(4000, 0.6, 0.24) },
      { name: 'D', stats: arm(4000, 0.59, 0.242) },
    ]);
    expect(three).toHaveLength(3);
    expect(three[0]!.alpha).toBeCloseTo(0.05 / 3, 15);
    expect(three[0]!.upper - three[0]!.lower).toBeGreaterThan(single!.upper - single!.lower);
    expect(three[0]!.adjustedPValue).toBeCloseTo(Math.min(1, three[0]!.pValue * 3), 15);
  });
});

describe('A/A and A/B simulations, peeking every 100 requests', () => {
  it('keeps the always-valid false-positive rate near α while the naive test inflates it', () => {
    const experiments = 300;
    let alwaysValid = 0;
    let naive = 0;
    for (let seed = 1; seed <= experiments; seed++) {
      const out = simulateSequential({ rng: Sfc32.fromSeed(seed), controlMean: 0.6, variantMean: 0.6, maxRequests: 5000, lookEvery: 100 });
      if (out.alwaysValidAt !== null) alwaysValid++;
      if (out.naiveAt !== null) naive++;
    }
    // Binomial sd of a 5% rate over 300 runs is 1.3 points: allow a little over two of them.
    expect(alwaysValid / experiments).toBeLessThanOrEqual(0.05 + 0.03);
    expect(naive / experiments).toBeGreaterThan(0.12);
  });

  it('detects a true difference, with the right sign', () => {
    let detected = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const out = simulateSequential({ rng: Sfc32.fromSeed(1000 + seed), controlMean: 0.6, variantMean: 0.7, maxRequests: 5000, lookEvery: 100 });
      if (out.alwaysValidAt !== null && out.alwaysValidSign > 0) detected++;
    }
    expect(detected).toBeGreaterThanOrEqual(45);
  });
});
