import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, logGamma, regularizedGammaP, regularizedGammaQ } from './chi-square.js';

describe('chi-square survival function', () => {
  it('matches textbook critical values', () => {
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(10.827566, 1)).toBeCloseTo(0.001, 7);
    expect(chiSquareSurvival(5.991465, 2)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(18.307038, 10)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });

  it('matches closed forms in both the series and the continued-fraction regions', () => {
    // df = 2: P(χ² > x) = e^{−x/2}; df = 4: e^{−x/2}(1 + x/2).
    for (const x of [0.1, 1, 3, 10, 40, 200]) {
      expect(chiSquareSurvival(x, 2) / Math.exp(-x / 2)).toBeCloseTo(1, 10);
      expect(chiSquareSurvival(x, 4) / (Math.exp(-x / 2) * (1 + x / 2))).toBeCloseTo(1, 10);
    }
    // Tiny p-values keep their relative accuracy: P(χ²_1 > 100) = erfc(√50) = 1.5239706e-23.
    expect(chiSquareSurvival(100, 1) / 1.5239706e-23).toBeCloseTo(1, 6);
  });

  it('P + Q = 1 and log Γ matches known values', () => {
    for (const [a, x] of [[0.5, 0.2], [3, 2], [3, 8], [20, 25]] as const) expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 11);
    expect(logGamma(1)).toBeCloseTo(0, 13);
  });
});
