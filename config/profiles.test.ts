import { describe, expect, it } from 'vitest';
import { DRIFT_DECAY, DRIFT_RATE, PROFILES, PROFILE_NAMES, banditParameters, type OperatingValues } from './profiles.js';

describe('profiles', () => {
  it('carries the documented operating values, feedback windows and log levels', () => {
    expect(PROFILES.production).toEqual({
      operating: { confidenceThreshold: 0.85, riskTolerance: 0.15, learningRate: 0.1, explorationRate: 0.05 },
      feedbackWindowSeconds: 900,
      logLevel: 'info',
    });
    expect(PROFILES.staging).toEqual({
      operating: { confidenceThreshold: 0.7, riskTolerance: 0.2, learningRate: 0.2, explorationRate: 0.15 },
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
  it('exports the fixed drift constants', () => {
    expect(DRIFT_DECAY).toBe(0.999);
    expect(DRIFT_RATE).toBe(0.05);
  });

  it.each([
    ['production', 10, 0.05, 0.01],
    ['staging', 5, 0.15, 0.03],
    ['development', 10 / 3, 0.3, 0.06],
  ] as const)('maps the %s profile to lambda %d, epsilon %d, floor %d', (name, lambda, epsilon, floor) => {
    const bandit = banditParameters(PROFILES[name].operating);
    expect(Object.keys(bandit).sort()).toEqual(
      ['alpha', 'driftDecay', 'driftRate', 'epsilon', 'epsilonFloor', 'ridgeLambda'].sort(),
    );
    expect(bandit.alpha).toBe(0);
    expect(bandit.ridgeLambda).toBeCloseTo(lambda, 12);
    expect(bandit.epsilon).toBe(epsilon);
    expect(bandit.epsilonFloor).toBeCloseTo(floor, 12);
    expect(bandit.driftDecay).toBe(0.999);
    expect(bandit.driftRate).toBe(0.05);
  });

  it('needs only the learning and exploration rates', () => {
    expect(banditParameters({ learningRate: 0.5, explorationRate: 0.2 })).toEqual({
      alpha: 0,
      ridgeLambda: 2,
      epsilon: 0.2,
      epsilonFloor: 0.04,
      driftDecay: 0.999,
      driftRate: 0.05,
    });
    expect(banditParameters({ learningRate: 1, explorationRate: 0 })).toEqual({
      alpha: 0,
      ridgeLambda: 1,
      epsilon: 0,
      epsilonFloor: 0,
      driftDecay: 0.999,
      driftRate: 0.05,
    });
  });

  it('ignores the confidence threshold and risk tolerance: they gate the optimizer, not the bandit', () => {
    const cautiousValues: OperatingValues = { ...PROFILES.production.operating, confidenceThreshold: 0.99, riskTolerance: 0 };
    const boldValues: OperatingValues = { ...PROFILES.production.operating, confidenceThreshold: 0.01, riskTolerance: 1 };
    const cautious = banditParameters(cautiousValues);
    const bold = banditParameters(boldValues);
    expect(cautious).toEqual(bold);
    expect(cautious.alpha).toBe(0);
  });

  it('weakens the prior as the learning rate rises and explores more as the exploration rate rises', () => {
    const slow = banditParameters({ learningRate: 0.1, explorationRate: 0.05 });
    const fast = banditParameters({ learningRate: 0.5, explorationRate: 0.3 });
    expect(slow.ridgeLambda).toBeGreaterThan(fast.ridgeLambda);
    expect(slow.epsilon).toBeLessThan(fast.epsilon);
    expect(slow.epsilonFloor).toBeLessThan(fast.epsilonFloor);
    for (const bandit of [slow, fast]) expect(bandit.epsilonFloor).toBeLessThan(bandit.epsilon);
  });

  it('refuses operating values that have no bandit equivalent', () => {
    expect(() => banditParameters({ learningRate: 0, explorationRate: 0.1 })).toThrow(RangeError);
    expect(() => banditParameters({ learningRate: -0.1, explorationRate: 0.1 })).toThrow(RangeError);
    expect(() => banditParameters({ learningRate: Number.NaN, explorationRate: 0.1 })).toThrow(RangeError);
    expect(() => banditParameters({ learningRate: 0.1, explorationRate: 1.5 })).toThrow(RangeError);
    expect(() => banditParameters({ learningRate: 0.1, explorationRate: -0.01 })).toThrow(RangeError);
    expect(() => banditParameters({ learningRate: 0.1, explorationRate: Number.NaN })).toThrow(RangeError);
  });
});
