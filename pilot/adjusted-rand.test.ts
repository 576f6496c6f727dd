import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../bandits/rng.js';
import { adjustedRandIndex } from './adjusted-rand.js';

describe('adjustedRandIndex', () => {
  it('matches the reference values of scikit-learn’s documentation', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 1])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(0.5714285714, 9);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.5714285714, 9);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 9);
  });

  it('is 1 for identical trivial partitions and symmetric in its arguments', () => {
    expect(adjustedRandIndex([3, 3, 3], [7, 7, 7])).toBe(1);
    expect(adjustedRandIndex([0, 1, 2], [5, 6, 7])).toBe(1);
    expect(adjustedRandIndex([], [])).toBe(1);
    const a = [0, 0, 1, 1, 2, 2, 2, 0];
    const b = [1, 1, 1, 0, 0, 2, 2, 2];
    expect(adjustedRandIndex(a, b)).toBeCloseTo(adjustedRandIndex(b, a), 12);
  });

  it('is near 0 for independent random labelings, and the sparse table agrees with the dense one', () => {
    const rng = Sfc32.fromSeed(4);
    const n = 20_000;
    const a = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 10));
    const b = Int32Array.from({ length: n }, () => Math.floor(rng.next() * 10));
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.01);
    // 5,000 × 5,000 labels take the Map path; compare with a relabelling that keeps the partitions.
    const fine = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 4));
    const shifted = Int32Array.from(fine, (v) => v * 3 + 1);
    expect(adjustedRandIndex(fine, shifted)).toBeCloseTo(1, 12);
    // Merging pairs of 4-item clusters: Σ C(n_ij,2) = 5000·6, Σ C(a,2) = 30000, Σ C(b,2) = 2500·28.
    const merged = Int32Array.from(fine, (v) => Math.floor(v / 2));
    const expected = (30_000 * 70_000) / ((n * (n - 1)) / 2);
    expect(adjustedRandIndex(fine, merged)).toBeCloseTo((30_000 - expected) / (50_000 - expected), 12);
  });

  it('rejects labelings of different lengths', () => {
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(RangeError);
  });
});
