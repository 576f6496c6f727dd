import { DEFAULT_CONFIDENCE, estimateFromRowTerms, type Estimate, type EstimateOptions, type RowTerms } from './estimate.js';
import { importanceWeights, type WeightOptions } from './importance-weights.js';
import { validateLogs, type LoggedDecision } from './logged-decision.js';
import { resolveTarget, type TargetPolicy } from './target-policy.js';

export interface SnipsOptions extends EstimateOptions, WeightOptions {}

/**
 * Self-normalised IPS: Σ w r / Σ w. Slightly biased (a ratio of means) but consistent, never
 * outside the range of observed rewards, and insensitive to adding a constant to rewards.
 *
 * Its standard error comes from the delta method: the ratio's influence function is
 * w_i (r_i − V̂) / w̄. The returned terms are V̂ + that influence, so their mean is V̂ and
 * their sd/√n is the delta-method standard error — the same shape as every other estimator,
 * which lets paired comparisons subtract them row by row.
 */
export function snipsTerms(logs: readonly LoggedDecision[], targetRows: readonly ArrayLike<number>[], options: WeightOptions = {}): RowTerms {
  const weights = importanceWeights(logs, targetRows, options);
  const n = logs.length;
  let sumW = 0;
  let sumWr = 0;
  for (let i = 0; i < n; i++) {
    sumW += weights[i]!;
    sumWr += weights[i]! * logs[i]!.reward;
  }
  if (!(sumW > 0)) throw new RangeError('SNIPS is undefined: the target gives zero probability to every logged arm');
  const value = sumWr / sumW;
  const meanW = sumW / n;
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) terms[i] = value + (weights[i]! * (logs[i]!.reward - value)) / meanW;
  return { terms, weights };
}

export function snips(logs: readonly LoggedDecision[], target: TargetPolicy, options: SnipsOptions = {}): Estimate {
  validateLogs(logs);
  const rows = resolveTarget(target, logs);
  return estimateFromRowTerms(snipsTerms(logs, rows, options), options.confidence ?? DEFAULT_CONFIDENCE);
}
