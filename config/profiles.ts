import type { LogLevel } from './log-levels.js';
import { twoSidedNormalQuantile } from './normal-quantile.js';

export const PROFILE_NAMES = ['production', 'staging', 'development'] as const;

export type ProfileName = (typeof PROFILE_NAMES)[number];

/**
 * The four knobs an operator reasons about, all fractions in [0, 1]. They are
 * deliberately not bandit parameters: `banditParameters` is the one documented
 * place that turns them into those.
 */
export interface OperatingValues {
  /** How sure the router must be before trusting an arm; sets the width of LinUCB's confidence bound. */
  confidenceThreshold: number;
  /** How far a canary's reward may fall below control before it is rolled back. */
  riskTolerance: number;
  /** How quickly estimates follow new data; the inverse of the ridge prior's strength. */
  learningRate: number;
  /** Share of traffic spread uniformly over the arms. */
  explorationRate: number;
}

export interface BanditParameters {
  /** LinUCB confidence-width multiplier. */
  alpha: number;
  /** Ridge prior strength (the lambda in A = lambda * I + sum x x^T). */
  ridgeLambda: number;
  /** Uniform exploration share; every logged propensity is at least epsilon / K. */
  epsilon: number;
}

export interface Profile {
  operating: OperatingValues;
  feedbackWindowSeconds: number;
  logLevel: LogLevel;
}

// Production is cautious (a tight rollback tolerance, little exploration, a
// strong prior); development moves fast so a developer sees learning happen
// within minutes, hence also its short feedback window.
export const PROFILES: Readonly<Record<ProfileName, Readonly<Profile>>> = {
  production: {
    operating: { confidenceThreshold: 0.85, riskTolerance: 0.05, learningRate: 0.1, explorationRate: 0.05 },
    feedbackWindowSeconds: 900,
    logLevel: 'info',
  },
  staging: {
    operating: { confidenceThreshold: 0.7, riskTolerance: 0.15, learningRate: 0.2, explorationRate: 0.15 },
    feedbackWindowSeconds: 900,
    logLevel: 'info',
  },
  development: {
    operating: { confidenceThreshold: 0.5, riskTolerance: 0.25, learningRate: 0.3, explorationRate: 0.3 },
    feedbackWindowSeconds: 60,
    logLevel: 'info',
  },
};

/**
 * Maps operating values onto the bandit's own parameters:
 * - alpha = z with P(|Z| < z) = confidenceThreshold, so the UCB bonus is the
 *   half-width of a two-sided interval at that confidence (0.85 -> 1.4395);
 * - ridgeLambda = 1 / learningRate: a higher learning rate is a weaker prior,
 *   so the estimates move faster with data (0.10 -> 10);
 * - epsilon = explorationRate, which is also what bounds every logged
 *   propensity below by epsilon / K and keeps off-policy evaluation usable.
 * Risk tolerance is not a bandit parameter; it becomes the optimizer's rollback tolerance.
 */
export function banditParameters(
  operating: Pick<OperatingValues, 'confidenceThreshold' | 'learningRate' | 'explorationRate'>,
): BanditParameters {
  const { confidenceThreshold, learningRate, explorationRate } = operating;
  if (!(learningRate > 0)) {
    throw new RangeError(`learningRate must be above 0, got ${learningRate}`);
  }
  if (!(explorationRate >= 0 && explorationRate <= 1)) {
    throw new RangeError(`explorationRate must be between 0 and 1, got ${explorationRate}`);
  }
  return {
    alpha: twoSidedNormalQuantile(confidenceThreshold),
    ridgeLambda: 1 / learningRate,
    epsilon: explorationRate,
  };
}
