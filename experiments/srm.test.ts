import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch, SRM_P_THRESHOLD } from './srm.js';

describe('sample-ratio mismatch', () => {
  it('flags a 52/48 split of 20k requests meant to be 50/50', () => {
    const r = sampleRatioMismatch([10_400, 9_600], [0.5, 0.5]);
    expect(r.statistic).toBeCloseTo(32, 10);
    expect(r.pValue).toBeLessThan(1e-7);
    expect(r.mismatch).toBe(true);
    expect(r.threshold).toBe(SRM_P_THRESHOLD);
  });

  it('does not flag a 50/50 split or ordinary noise', () => {
    expect(sampleRatioMismatch([10_000, 10_000], [0.5, 0.5])).toMatchObject({ statistic: 0, pValue: 1, mismatch: false });
    // 100 off on 20k is half a standard deviation of chance.
    expect(sampleRatioMismatch([10_100, 9_900], [1, 1]).mismatch).toBe(false);
  });

  it('handles unequal shares and more than two variants', () => {
    expect(sampleRatioMismatch([5_000, 3_000, 2_000], [0.5, 0.3, 0.2]).pValue).toBeCloseTo(1, 12);
    expect(sampleRatioMismatch([5_000, 3_000, 2_000], [1, 1, 1]).mismatch).toBe(true);
    expect(sampleRatioMismatch([0, 0], [1, 1]).mismatch).toBe(false);
    expect(() => sampleRatioMismatch([1, 2], [1])).toThrow();
  });
});
