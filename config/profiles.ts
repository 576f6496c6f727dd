import type { LogLevel } from './log-levels.js';

export const PROFILE_NAMES = ['production', 'staging', 'development'] as const;

export type ProfileName = (typeof PROFILE_NAMES)[number];

/**
 * The four knobs an operator reasons about, all fractions in [0, 1]. They are
 * deliberately not bandit parameters: `banditParameters` is the one documented
 * place that turns them into those.
 */
export interface OperatingValues {
  /** How sure a comparison must be before a change ships: the optimizer deploys a candidate only when its lower bound at this confidence beats control. */
  confidenceThreshold: number;
  /** How far a canary's reward may fall below control before it is rolled back. */
  riskTolerance: number;
  /** How quickly estimates follow new data; the inverse of the ridge prior's strength. */
  learningRate: number;
  /** Share of traffic spread uniformly over the arms while the router knows little; it decays to a fifth of this. */
  explorationRate: number;
}

export interface BanditParameters {
  /** LinUCB confidence-width multiplier; 0 = greedy ridge, exploration left to epsilon. */
  alpha: number;
  /** Ridge prior strength (the lambda in A = lambda * I + sum x x^T). */
  ridgeLambda: number;
  /** Initial uniform exploration share. */
  epsilon: number;
  /** Exploration share it decays to and keeps; every logged propensity is at least epsilonFloor / K. */
  epsilonFloor: number;
  /** Per-request fade of the recency correction (1 = never fades). */
  driftDecay: number;
  /** How fast the recency correction follows an arm's recent residuals (0 = off). */
  driftRate: number;
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
    operating: { confidenceThreshold: 0.85, riskTolerance: 0.15, learningRate: 0.1, explorationRate: 0.05 },
    feedbackWindowSeconds: 900,
    logLevel: 'info',
  },
  staging: {
    operating: { confidenceThreshold: 0.7, riskTolerance: 0.2, learningRate: 0.2, explorationRate: 0.15 },
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
 * - ridgeLambda = 1 / learningRate: a higher learning rate is a weaker prior,
 *   so the estimates move faster with data (0.10 -> 10);
 * - epsilon = explorationRate at the start, decaying as 1/sqrt(updates) to
 *   epsilonFloor = explorationRate / 5, which stays and bounds every logged
 *   propensity below by epsilonFloor / K, so off-policy evaluation stays usable;
 * - alpha = 0: the replay benchmark (README) shows the greedy ridge with that
 *   schedule beating every UCB width tried, and scoring stays O(K·d).
 * Confidence threshold and risk tolerance are not bandit parameters: they gate
 * the optimizer (deploy confidence, rollback tolerance).
 */
export const DRIFT_DECAY = 0.999;
export const DRIFT_RATE = 0.05;

export function banditParameters(
  operating: Pick<OperatingValues, 'learningRate' | 'explorationRate'>,
): BanditParameters {
  const { learningRate, explorationRate } = operating;
  if (!(learningRate > 0)) {
    throw new RangeError(`learningRate must be above 0, got ${learningRate}`);
  }
  if (!(explorationRate >= 0 && explorationRate <= 1)) {
    throw new RangeError(`explorationRate must be between 0 and 1, got ${explorationRate}`);
  }
  return {
    alpha: 0,
    ridgeLambda: 1 / learningRate,
    epsilon: explorationRate,
    epsilonFloor: explorationRate / 5,
    driftDecay: DRIFT_DECAY,
    driftRate: DRIFT_RATE,
  };
}
