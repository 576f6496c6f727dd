import type { Context } from '../types.js';

/** One logged decision: what the logging policy saw, played, earned, and how likely its pick was. */
export interface LoggedDecision {
  x: Context;
  arm: number;
  reward: number;
  /** Probability the LOGGING policy gave `arm` for `x`: every importance weight divides by it. */
  propensity: number;
}

// Explorers normalise in floating point, so a certain arm can be logged as 1 + a few ulps.
const PROPENSITY_SLACK = 1e-9;

/**
 * Rejects logs that would make every estimator silently wrong: no rows, a propensity outside
 * (0, 1] (a zero would divide by zero, above one is not a probability), or a non-finite reward.
 */
export function validateLogs(logs: readonly LoggedDecision[]): void {
  if (logs.length === 0) throw new RangeError('cannot estimate from empty logs');
  for (let i = 0; i < logs.length; i++) {
    const { arm, reward, propensity } = logs[i]!;
    if (!Number.isInteger(arm) || arm < 0) throw new RangeError(`row ${i}: arm must be a non-negative integer, got ${arm}`);
    if (!(propensity > 0 && propensity <= 1 + PROPENSITY_SLACK)) {
      throw new RangeError(`row ${i}: propensity must be in (0, 1], got ${propensity}`);
    }
    if (!Number.isFinite(reward)) throw new RangeError(`row ${i}: reward must be finite, got ${reward}`);
  }
}
