import { describe, expect, it } from 'vitest';
import { inverseNormalCdf, zForConfidence } from './inverse-normal-cdf.js';

describe('inverse normal CDF', () => {
  // Reference quantiles to 15 digits (R: qnorm).
  it.each([
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.995, 2.575829303548901],
    [0.841344746068543, 1],
    [0.001, -3.090232306167813],
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%d) ≈ %d', (p, z) => {
    expect(inverseNormalCdf(p)).toBeCloseTo(z, 7);
  });

  it('is antisymmetric around 1/2', () => {
    for (const p of [0.01, 0.02, 0.03, 0.2, 0.4]) expect(inverseNormalCdf(1 - p)).toBeCloseTo(-inverseNormalCdf(p), 9);
  });

  it('maps 0 and 1 to ∓∞ and rejects what is not a probability', () => {
    expect(inverseNormalCdf(0)).toBe(-Infinity);
    expect(inverseNormalCdf(1)).toBe(Infinity);
    expect(() => inverseNormalCdf(1.5)).toThrow(RangeError);
    expect(() => inverseNormalCdf(Number.NaN)).toThrow(RangeError);
  });

  it('gives two-sided critical values and rejects levels outside (0, 1)', () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.959964, 6);
    expect(zForConfidence(0.9)).toBeCloseTo(1.644854, 6);
    expect(() => zForConfidence(1)).toThrow(RangeError);
    expect(() => zForConfidence(0)).toThrow(RangeError);
  });
});
