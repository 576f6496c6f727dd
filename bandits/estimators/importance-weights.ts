import type { LoggedDecision } from './logged-decision.js';

export interface WeightOptions {
  /**
   * Cap on π(a|x)/p. Trades a bias (toward the logged policy's value) for a variance bound
   * when the logging policy rarely played what the target wants; off by default.
   */
  clip?: number;
}

/** w_i = π(a_i|x_i) / p_i, optionally capped at `clip`. Expects validated logs and target rows. */
export function importanceWeights(
  logs: readonly LoggedDecision[],
  targetRows: readonly ArrayLike<number>[],
  options: WeightOptions = {},
): Float64Array {
  const clip = options.clip ?? Infinity;
  if (!(clip > 0)) throw new RangeError(`clip must be > 0, got ${clip}`);
  const w = new Float64Array(logs.length);
  for (let i = 0; i < logs.length; i++) {
    const { arm, propensity } = logs[i]!;
    w[i] = Math.min(targetRows[i]![arm]! / propensity, clip);
  }
  return w;
}
