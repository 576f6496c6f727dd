import { describe, expect, it } from 'vitest';
import { bucketSeries } from './bucket-series.js';
import { MS_PER_DAY } from './notation.js';
import { syntheticRewards, TEST_NOW } from './synthetic-rewards.js';
import { detectTrend, mannKendall, theilSen, tieGroups } from './trend.js';
import { normalQuantile } from '../../experiments/normal.js';

/** Sen's limits by their definition, computed apart from the implementation. */
function bruteForceSen(t: number[], y: number[], varS: number, confidence: number) {
  const slopes: number[] = [];
  for (let i = 0; i < t.length; i++) for (let j = i + 1; j < t.length; j++) slopes.push((y[j]! - y[i]!) / (t[j]! - t[i]!));
  slopes.sort((a, b) => a - b);
  const at = (rank: number) => {
    const r = Math.min(Math.max(rank, 1), slopes.length);
    const lo = Math.floor(r);
    return lo >= slopes.length ? slopes[lo - 1]! : slopes[lo - 1]! + (r - lo) * (slopes[lo]! - slopes[lo - 1]!);
  };
  const c = normalQuantile(1 - (1 - confidence) / 2) * Math.sqrt(varS);
  const n = slopes.length;
  const median = n % 2 ? slopes[(n - 1) / 2]! : (slopes[n / 2 - 1]! + slopes[n / 2]!) / 2;
  return { slope: median, low: at((n - c) / 2), high: at((n + c) / 2 + 1) };
}

describe('mannKendall', () => {
  it('gives the textbook values for a strictly increasing series of 10', () => {
    const r = mannKendall([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.s).toBe(45);
    expect(r.varS).toBe(125); // 10·9·25/18
    expect(r.z).toBeCloseTo(44 / Math.sqrt(125), 12);
    expect(r.pValue).toBeCloseTo(8.303070332644974e-5, 10);
    expect(r.method).toBe('normal');
  });

  it('corrects the variance for ties (reference values from scipy.stats.norm)', () => {
    const x = [5, 3, 6, 6, 4, 2, 3, 1, 2, 0, 1, 1];
    expect(tieGroups(x).sort()).toEqual([1, 1, 1, 2, 2, 2, 3].sort());
    const r = mannKendall(x);
    expect(r.s).toBe(-42);
    // (12·11·29 − 3·(2·1·9) − 3·1·11) / 18 = (3828 − 54 − 66)/18 = 206
    expect(r.varS).toBe(206);
    expect(r.z).toBeCloseTo(-2.8566053585956324, 12);
    expect(r.pValue).toBeCloseTo(0.004281978658648075, 9);
  });

  it('is exact below 10 points (scipy.stats.kendalltau, method="exact")', () => {
    const r = mannKendall([3.1, 2.0, 4.5, 1.2, 0.7, 0.9, 0.2]);
    expect(r.method).toBe('exact');
    expect(r.s).toBe(-15);
    expect(r.pValue).toBeCloseTo(0.03015873015873016, 12);
  });

  it('returns p = 1 for too few or all-equal points', () => {
    expect(mannKendall([]).pValue).toBe(1);
    expect(mannKendall([0.4]).pValue).toBe(1);
    expect(mannKendall(new Array(12).fill(0.3)).pValue).toBe(1);
  });
});

describe('theilSen', () => {
  it('recovers an exact line', () => {
    const t = [0, 1, 2, 3, 4, 5, 6, 7];
    const r = theilSen(t, t.map((x) => 0.5 - 2 * x), mannKendall(t).varS, 0.95);
    expect(r.slope).toBe(-2);
    expect(r.low).toBe(-2);
    expect(r.high).toBe(-2);
  });

  it('matches the median and Sen limits computed by brute force', () => {
    const y = [5, 3, 6, 6, 4, 2, 3, 1, 2, 0, 1, 1];
    const t = y.map((_, i) => i * 0.5);
    const varS = mannKendall(y).varS;
    for (const confidence of [0.8, 0.9, 0.95, 0.99]) {
      const r = theilSen(t, y, varS, confidence);
      const expected = bruteForceSen(t, y, varS, confidence);
      expect(r.slope).toBeCloseTo(expected.slope, 12);
      expect(r.low).toBeCloseTo(expected.low, 12);
      expect(r.high).toBeCloseTo(expected.high, 12);
    }
    // scipy.stats.theilslopes rounds the ranks instead of interpolating: slope −1, 95 % limits −1.43 and −0.4.
    const r = theilSen(t, y, varS, 0.95);
    expect(r.slope).toBe(-1);
    expect(r.low).toBeGreaterThan(-1.43 - 0.3);
    expect(r.low).toBeLessThan(-1);
    expect(r.high).toBeGreaterThan(-1);
    expect(r.high).toBeLessThan(-0.4 + 0.3);
  });
});

describe('detectTrend', () => {
  it('finds no trend in a flat noisy series for at least 95 % of seeds', () => {
    let flat = 0;
    const seeds = 100;
    for (let seed = 1; seed <= seeds; seed++) {
      const series = bucketSeries(syntheticRewards({ seed, now: TEST_NOW }), { to: TEST_NOW + 1 });
      if (detectTrend(series).direction === 'flat') flat++;
    }
    expect(flat).toBeGreaterThanOrEqual(95);
  });

  it('detects a declining series and measures its slope per day', () => {
    const slope = -0.05;
    const rewards = syntheticRewards({ seed: 7, now: TEST_NOW, shift: (at) => (slope * (at - TEST_NOW)) / MS_PER_DAY });
    const series = bucketSeries(rewards, { to: TEST_NOW + 1 });
    expect(series.bucketMs).toBe(MS_PER_DAY / 2);
    const r = detectTrend(series);
    expect(r.direction).toBe('falling');
    expect(r.pValue).toBeLessThan(0.001);
    expect(r.slopeLow).toBeLessThan(slope);
    expect(r.slopeHigh).toBeGreaterThan(slope);
    expect(r.slopePerDay).toBeCloseTo(slope, 1);
    expect(r.spanDays).toBeCloseTo(14, 2);
  });

  it('detects a rising series', () => {
    const rewards = syntheticRewards({ seed: 8, now: TEST_NOW, shift: (at) => (0.04 * (at - TEST_NOW)) / MS_PER_DAY });
    expect(detectTrend(bucketSeries(rewards, { to: TEST_NOW + 1 })).direction).toBe('rising');
  });

  it('ignores a significant but negligible change', () => {
    // 0.002 a day over 14 days is 0.028 in all, under the 0.05 default, though very clear with no noise.
    const rewards = syntheticRewards({ seed: 9, now: TEST_NOW, noise: 0.01, shift: (at) => (0.002 * (at - TEST_NOW)) / MS_PER_DAY });
    const r = detectTrend(bucketSeries(rewards, { to: TEST_NOW + 1 }));
    expect(r.pValue).toBeLessThan(0.001);
    expect(r.direction).toBe('flat');
    expect(detectTrend(bucketSeries(rewards, { to: TEST_NOW + 1 }), { minChange: 0.01 }).direction).toBe('rising');
  });
});
