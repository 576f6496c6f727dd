import { describe, expect, it } from 'vitest';
import { regularizedBeta, studentTUpperTail, welchTest, type SampleSummary } from './student-t.js';

// Reference values from scipy.stats 1.17 (t.sf, beta.cdf, ttest_ind(equal_var=False, alternative='greater')).
describe('studentTUpperTail', () => {
  it('matches closed forms for 1 and 2 degrees of freedom', () => {
    // Cauchy: P(T_1 > 1) = 1/4. T_2: P(T > t) = ½ − t / (2√(t² + 2)).
    expect(studentTUpperTail(1, 1)).toBeCloseTo(0.25, 12);
    for (const t of [-3, -0.5, 0, 0.7, 4]) expect(studentTUpperTail(t, 2)).toBeCloseTo(0.5 - t / (2 * Math.sqrt(t * t + 2)), 12);
  });

  it('matches reference values, fractional degrees of freedom included', () => {
    expect(studentTUpperTail(2.228138851986274, 10)).toBeCloseTo(0.025, 10);
    expect(studentTUpperTail(-1.5, 3.7)).toBeCloseTo(0.8932009153989933, 10);
    expect(studentTUpperTail(0.3, 250.5)).toBeCloseTo(0.3822129758464997, 10);
  });

  it('handles infinite scores', () => {
    expect(studentTUpperTail(Infinity, 5)).toBe(0);
    expect(studentTUpperTail(-Infinity, 5)).toBe(1);
  });
});

describe('regularizedBeta', () => {
  it('matches a reference value and its ends', () => {
    expect(regularizedBeta(0.3, 2.5, 4)).toBeCloseTo(0.3521975859067672, 10);
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
  });
});

const summarize = (xs: number[]): SampleSummary => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { count: xs.length, mean, variance: xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1) };
};

describe('welchTest', () => {
  it('matches scipy on a small example', () => {
    const r = welchTest(summarize([0.5, 0.7, 0.2, 0.9, 0.4, 0.6, 0.3, 0.8]), summarize([0.1, 0.3, -0.2, 0.4, 0.0, 0.2]));
    expect(r.t).toBeCloseTo(3.370999312316211, 10);
    expect(r.df).toBeCloseTo(11.592576371400416, 10);
    expect(r.pGreater).toBeCloseTo(0.002909339187532042, 10);
  });

  it('treats two constant samples as certain when they differ and as no evidence when not', () => {
    expect(welchTest({ count: 5, mean: 1, variance: 0 }, { count: 5, mean: 0, variance: 0 }).pGreater).toBe(0);
    expect(welchTest({ count: 5, mean: 0, variance: 0 }, { count: 5, mean: 0, variance: 0 }).pGreater).toBe(1);
  });
});
