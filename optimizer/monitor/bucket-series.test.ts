import { describe, expect, it } from 'vitest';
import { bucketSeries, BUCKET_WIDTHS_MS, chooseBucketMs } from './bucket-series.js';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, type RewardPoint } from './notation.js';

const H = MS_PER_HOUR;
const T0 = Date.UTC(2026, 10, 20, 0, 0);
const at = (hours: number, reward: number, arm = 'a:x'): RewardPoint => ({ at: T0 + hours * H, reward, arm });

describe('chooseBucketMs', () => {
  it('gives 20 to 60 buckets over spans from an hour to a year', () => {
    for (let span = 20 * MS_PER_MINUTE; span < 400 * MS_PER_DAY; span *= 1.13) {
      const n = span / chooseBucketMs(span);
      expect(n).toBeGreaterThanOrEqual(20);
      expect(n).toBeLessThan(60);
    }
  });

  it('picks the widest candidate with at least 20 buckets', () => {
    expect(chooseBucketMs(14 * MS_PER_DAY)).toBe(12 * H);
    expect(chooseBucketMs(MS_PER_DAY)).toBe(H);
    expect(chooseBucketMs(2 * H)).toBe(5 * MS_PER_MINUTE);
    expect(chooseBucketMs(365 * MS_PER_DAY)).toBe(14 * MS_PER_DAY);
  });

  it('falls back to the narrowest width for tiny spans', () => {
    expect(chooseBucketMs(1000)).toBe(BUCKET_WIDTHS_MS[0]);
  });

  it('keeps neighbouring candidates at most 3× apart, which is what bounds the count by 60', () => {
    for (let i = 1; i < BUCKET_WIDTHS_MS.length; i++) expect(BUCKET_WIDTHS_MS[i]! / BUCKET_WIDTHS_MS[i - 1]!).toBeLessThanOrEqual(3);
  });
});

describe('bucketSeries', () => {
  it('computes mean, count and standard error per bucket and skips empty buckets', () => {
    const rewards = [at(0.1, 1), at(0.5, 0), at(0.9, 0.5), at(3.2, -1), at(3.7, 1)];
    const series = bucketSeries(rewards, { bucketMs: H });
    expect(series.buckets.map((b) => b.start)).toEqual([T0, T0 + 3 * H]);
    const [first, second] = series.buckets;
    expect(first!.count).toBe(3);
    expect(first!.mean).toBeCloseTo(0.5, 12);
    // Sample variance of {1, 0, 0.5} is 0.25; se = √(0.25/3).
    expect(first!.stdError).toBeCloseTo(Math.sqrt(0.25 / 3), 12);
    expect(second!.mean).toBeCloseTo(0, 12);
    expect(second!.stdError).toBeCloseTo(Math.sqrt(2 / 2), 12);
    expect(second!.end - second!.start).toBe(H);
  });

  it('aligns buckets to the epoch, not to the first reward', () => {
    const series = bucketSeries([at(5.75, 1), at(6.25, 1)], { bucketMs: H });
    expect(series.buckets.map((b) => (b.start - T0) / H)).toEqual([5, 6]);
  });

  it('gives a single reward a NaN standard error', () => {
    const series = bucketSeries([at(1, 0.3)], { bucketMs: H });
    expect(series.buckets[0]!.count).toBe(1);
    expect(series.buckets[0]!.stdError).toBeNaN();
  });

  it('reads only [from, to) and ignores non-finite values', () => {
    const rewards = [at(0, 9), at(1, 1), at(2, Number.NaN), at(2.5, 2), { at: Number.NaN, reward: 1, arm: 'a:x' }, at(3, 9)];
    const series = bucketSeries(rewards, { from: T0 + H, to: T0 + 3 * H, bucketMs: H });
    expect(series.buckets.map((b) => [b.mean, b.count])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });

  it('defaults the span to the rewards and the width to the automatic choice', () => {
    const rewards = Array.from({ length: 49 }, (_, i) => at(i, i % 2));
    const series = bucketSeries(rewards);
    expect(series.from).toBe(T0);
    expect(series.to).toBe(T0 + 48 * H + 1);
    expect(series.bucketMs).toBe(2 * H);
    expect(series.buckets.reduce((s, b) => s + b.count, 0)).toBe(49);
  });

  it('returns no buckets for no rewards', () => {
    expect(bucketSeries([]).buckets).toEqual([]);
    expect(bucketSeries([at(1, 1)], { from: T0 + 2 * H }).buckets).toEqual([]);
  });

  it('rejects a non-positive width', () => {
    expect(() => bucketSeries([at(1, 1)], { bucketMs: 0 })).toThrow(/positive/);
  });
});
