import { describe, expect, it } from 'vitest';
import { effectiveSampleSize, estimateFromRowTerms, estimateFromTerms } from './estimate.js';

describe('estimate from per-row terms', () => {
  it('is the mean ± z·sd/√n', () => {
    // mean 2.5, sample variance 5/3, n = 4 → standard error √(5/12).
    const e = estimateFromTerms([1, 2, 3, 4]);
    const se = Math.sqrt(5 / 12);
    expect(e.value).toBe(2.5);
    expect(e.stdError).toBeCloseTo(se, 12);
    expect(e.lower).toBeCloseTo(2.5 - 1.959964 * se, 5);
    expect(e.upper).toBeCloseTo(2.5 + 1.959964 * se, 5);
    expect(e).toMatchObject({ confidence: 0.95, n: 4 });
  });

  it('widens with the confidence level', () => {
    const narrow = estimateFromTerms([1, 2, 3, 4], 0.5);
    const wide = estimateFromTerms([1, 2, 3, 4], 0.99);
    expect(wide.upper - wide.lower).toBeGreaterThan(narrow.upper - narrow.lower);
  });

  it('gives an infinite interval from a single row and rejects none', () => {
    const e = estimateFromTerms([3]);
    expect(e.value).toBe(3);
    expect(e.lower).toBe(-Infinity);
    expect(e.upper).toBe(Infinity);
    expect(() => estimateFromTerms([])).toThrow(RangeError);
  });

  it('adds the effective sample size only when weights are given', () => {
    expect(estimateFromRowTerms({ terms: Float64Array.of(1, 2) }).effectiveSampleSize).toBeUndefined();
    expect(estimateFromRowTerms({ terms: Float64Array.of(1, 2), weights: Float64Array.of(1, 1) }).effectiveSampleSize).toBe(2);
  });

  it('effective sample size: n for equal weights, 1 when one weight dominates, 0 for none', () => {
    expect(effectiveSampleSize([2, 2, 2, 2])).toBe(4);
    expect(effectiveSampleSize([1, 0, 0, 0])).toBe(1);
    expect(effectiveSampleSize([0, 0])).toBe(0);
  });
});
