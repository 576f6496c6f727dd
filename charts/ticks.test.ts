import { describe, expect, it } from 'vitest';
import { formatCompact, formatLinearTicks } from './tick-format.js';
import { logTicks, niceStep, niceTicks } from './ticks.js';

describe('niceTicks', () => {
  it('steps 0..1 by 0.2 with exact decimal values', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('handles small ranges without binary noise', () => {
    expect(niceTicks(0.0012, 0.0031)).toEqual([0.0015, 0.002, 0.0025, 0.003]);
    expect(niceTicks(0.0012, 0.0031, 10)).toEqual([0.0012, 0.0014, 0.0016, 0.0018, 0.002, 0.0022, 0.0024, 0.0026, 0.0028, 0.003]);
  });

  it('uses 1-2-5 steps on large, negative and reversed ranges', () => {
    expect(niceTicks(0, 20_000, 4)).toEqual([0, 5000, 10_000, 15_000, 20_000]);
    expect(niceTicks(-0.31, 0.58, 5)).toEqual([-0.2, 0, 0.2, 0.4]);
    expect(niceTicks(10, -10, 4)).toEqual([-10, -5, 0, 5, 10]);
    for (const [span, target] of [[7, 5], [0.034, 6], [123456, 7], [1, 3]] as const) {
      const { step } = niceStep(span, target);
      const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
      expect([1, 2, 5]).toContainEqual(Number(mantissa.toFixed(6)));
    }
  });

  it('copes with degenerate input', () => {
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
  });
});

describe('logTicks', () => {
  it('labels decades and keeps the in-between values as minor ticks', () => {
    const ticks = logTicks(1, 50_000);
    expect(ticks.major).toEqual([1, 10, 100, 1000, 10_000]);
    expect(ticks.minor).toContain(2);
    expect(ticks.minor).toContain(50_000);
    expect(ticks.minor).not.toContain(10);
  });

  it('adds 2× and 5× when only a decade or so shows', () => {
    expect(logTicks(3, 60).major).toEqual([5, 10, 20, 50]);
  });
});

describe('tick labels', () => {
  it('prints a linear axis with one number of decimals', () => {
    expect(formatLinearTicks([0, 0.2, 0.4, 0.6, 0.8, 1])).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    expect(formatLinearTicks([0.0015, 0.002, 0.0025, 0.003])).toEqual(['0.0015', '0.0020', '0.0025', '0.0030']);
    expect(formatLinearTicks([-10, -5, 0, 5, 10])).toEqual(['-10', '-5', '0', '5', '10']);
  });

  it('uses k and M suffixes for large values', () => {
    expect(formatLinearTicks([0, 5000, 10_000, 15_000, 20_000])).toEqual(['0', '5k', '10k', '15k', '20k']);
    expect(formatLinearTicks([0, 250_000, 500_000, 750_000, 1_000_000])).toEqual(['0', '0.25M', '0.50M', '0.75M', '1.00M']);
    expect(formatLinearTicks([2000, 4000, 6000])).toEqual(['2000', '4000', '6000']);
  });

  it('formats single values compactly', () => {
    expect([1, 10, 1000, 10_000, 2_500_000, 0.05].map(formatCompact)).toEqual(['1', '10', '1k', '10k', '2.5M', '0.05']);
  });
});
