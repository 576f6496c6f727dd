import { describe, expect, it } from 'vitest';
import { MAD_TO_SIGMA, median, medianAbsoluteDeviation, orderStatistic, sortedCopy } from './robust-stats.js';

describe('robust statistics', () => {
  it('sorts numerically without touching the input', () => {
    const xs = [10, 9, 100, -1];
    expect(sortedCopy(xs)).toEqual([-1, 9, 10, 100]);
    expect(xs).toEqual([10, 9, 100, -1]);
  });

  it('takes medians of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('interpolates order statistics between ranks and clamps at the ends', () => {
    const sorted = [1, 2, 4, 8];
    expect(orderStatistic(sorted, 2)).toBe(2);
    expect(orderStatistic(sorted, 2.5)).toBe(3);
    expect(orderStatistic(sorted, 0.2)).toBe(1);
    expect(orderStatistic(sorted, 9)).toBe(8);
  });

  it('scales the MAD to σ for normal data', () => {
    expect(medianAbsoluteDeviation([1, 2, 3, 4, 100], 3)).toBe(1);
    expect(MAD_TO_SIGMA).toBeCloseTo(1 / 0.6744897501960817, 12);
  });
});
