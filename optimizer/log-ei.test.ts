import { describe, expect, it } from 'vitest';
import { erfcx, logExpectedImprovement, logH, logNormalCdf, normalCdf, normalPdf } from './log-ei.js';

describe('erfcx and the normal CDF', () => {
  it('match reference values', () => {
    expect(erfcx(0)).toBeCloseTo(1, 14);
    expect(erfcx(0.5)).toBeCloseTo(0.6156903441929259, 13);
    expect(erfcx(2) / 0.2553956763105057).toBeCloseTo(1, 12);
    // Asymptotic series 1/(x√π)·(1 − 1/(2x²) + 3/(4x⁴) − 15/(8x⁶)) is accurate to ~1e-9 at x = 10.
    expect(erfcx(10) / ((1 / (10 * Math.sqrt(Math.PI))) * (1 - 1 / 200 + 3 / 4e4 - 15 / 8e6 + 105 / 16e8))).toBeCloseTo(1, 8);
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 12);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 12);
    expect(logNormalCdf(-40).value).toBeCloseTo(-804.6084420137538, 6);
  });
});

describe('log expected improvement', () => {
  const naive = (mean: number, std: number, best: number) => {
    const z = (best - mean) / std;
    return Math.log(std * (normalPdf(z) + z * normalCdf(z)));
  };

  it('equals log of the naive EI where that is finite', () => {
    for (const [mean, std, best] of [[0, 1, 0], [1, 0.5, 0], [-1, 2, 0], [3, 1, 0], [0.2, 0.1, 0], [5, 1, 0.5]] as const) {
      expect(logExpectedImprovement(mean, std, best)).toBeCloseTo(naive(mean, std, best), 8);
    }
  });

  it('stays finite and monotone for z ≪ 0 where the naive form underflows', () => {
    expect(naive(50, 1, 0)).toBe(Number.NEGATIVE_INFINITY);
    let previous = Number.POSITIVE_INFINITY;
    for (let z = -1; z >= -1e8; z *= 1.5) {
      const v = logH(z).value;
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeLessThan(previous);
      previous = v;
    }
    // Asymptote: log h(z) ≈ −z²/2 − log √(2π) − 2 log|z|.
    expect(logH(-100).value).toBeCloseTo(-5000 - 0.5 * Math.log(2 * Math.PI) - 2 * Math.log(100), 3);
  });

  it('has a derivative matching finite differences on both sides of the switch', () => {
    for (const z of [2, 0.3, -0.9, -1.1, -5, -30]) {
      const h = 1e-6;
      expect(logH(z).dz / ((logH(z + h).value - logH(z - h).value) / (2 * h))).toBeCloseTo(1, 5);
    }
  });
});
