import { describe, expect, it } from 'vitest';
import { normalQuantile, twoSidedNormalQuantile } from './normal-quantile.js';
import { PROFILES, PROFILE_NAMES, banditParameters } from './profiles.js';

describe('profiles', () => {
  it('carries the documented operating values, feedback windows and log levels', () => {
    expect(PROFILES.production).toEqual({
      operating: { confidenceThreshold: 0.85, riskTolerance: 0.05, learningRate: 0.1, explorationRate: 0.05 },
      feedbackWindowSeconds: 900,
      logLevel: 'info',
    });
    expect(PROFILES.staging).toEqual({
      operating: { confidenceThreshold: 0.7, riskTolerance: 0.15, learningRate: 0.2, explorationRate: 0.15 },
      feedbackWindowSeconds: 900,
      logLevel: 'info',
    });
    expect(PROFILES.development).toEqual({
      operating: { confidenceThreshold: 0.5, riskTolerance: 0.25, learningRate: 0.3, explorationRate: 0.3 },
      feedbackWindowSeconds: 60,
      logLevel: 'info',
    });
    expect(PROFILE_NAMES).toEqual(['production', 'staging', 'development']);
  });
});

describe('banditParameters', () => {
  it.each([
    ['production', '1.440', 10, 0.05],
    ['staging', '1.036', 5, 0.15],
    ['development', '0.674', 3.333, 0.3],
  ] as const)('maps the %s profile to alpha %s, lambda %d, epsilon %d', (name, alpha, lambda, epsilon) => {
    const bandit = banditParameters(PROFILES[name].operating);
    expect(bandit.alpha.toFixed(3)).toBe(alpha);
    expect(bandit.ridgeLambda).toBeCloseTo(lambda, 3);
    expect(bandit.epsilon).toBe(epsilon);
  });

  it('uses the two-sided normal quantile of the confidence threshold as alpha', () => {
    expect(banditParameters({ confidenceThreshold: 0.85, learningRate: 0.1, explorationRate: 0 }).alpha).toBeCloseTo(
      1.4395,
      4,
    );
    expect(banditParameters({ confidenceThreshold: 0.7, learningRate: 0.1, explorationRate: 0 }).alpha).toBeCloseTo(
      1.0364,
      4,
    );
    expect(banditParameters({ confidenceThreshold: 0.95, learningRate: 0.1, explorationRate: 0 }).alpha).toBeCloseTo(
      1.96,
      3,
    );
  });

  it('widens the confidence bound as the threshold rises and weakens the prior as the learning rate rises', () => {
    const cautious = banditParameters({ confidenceThreshold: 0.9, learningRate: 0.1, explorationRate: 0.1 });
    const bold = banditParameters({ confidenceThreshold: 0.6, learningRate: 0.5, explorationRate: 0.1 });
    expect(cautious.alpha).toBeGreaterThan(bold.alpha);
    expect(cautious.ridgeLambda).toBeGreaterThan(bold.ridgeLambda);
  });

  it('refuses operating values that have no bandit equivalent', () => {
    expect(() => banditParameters({ confidenceThreshold: 1, learningRate: 0.1, explorationRate: 0.1 })).toThrow(
      RangeError,
    );
    expect(() => banditParameters({ confidenceThreshold: 0.5, learningRate: 0, explorationRate: 0.1 })).toThrow(
      RangeError,
    );
    expect(() => banditParameters({ confidenceThreshold: 0.5, learningRate: 0.1, explorationRate: 1.5 })).toThrow(
      RangeError,
    );
  });
});

describe('normalQuantile', () => {
  it('matches published quantiles in the centre and both tails', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.75)).toBeCloseTo(0.67449, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6);
    expect(normalQuantile(1e-9)).toBeCloseTo(-5.997807, 5);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326348, 6);
  });

  it('is antisymmetric around one half', () => {
    for (const p of [0.01, 0.02, 0.1, 0.3, 0.45]) {
      expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 8);
    }
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
    expect(() => twoSidedNormalQuantile(1)).toThrow(RangeError);
  });

  it('turns a two-sided confidence into the half-width of its interval', () => {
    expect(twoSidedNormalQuantile(0.95)).toBeCloseTo(1.959964, 6);
    expect(twoSidedNormalQuantile(0.5)).toBeCloseTo(0.674490, 6);
  });
});
