import { DEFAULT_CONFIDENCE, estimateFromRowTerms, type Estimate, type EstimateOptions, type RowTerms } from './estimate.js';
import { importanceWeights, type WeightOptions } from './importance-weights.js';
import { validateLogs, type LoggedDecision } from './logged-decision.js';
import { resolveTarget, type TargetPolicy } from './target-policy.js';

export interface IpsOptions extends EstimateOptions, WeightOptions {}

/**
 * Inverse propensity scoring: mean of w_i r_i. Unbiased whenever the logging policy gave every
 * arm the target plays a positive probability (and no clipping), but its variance grows with
 * the weights — which is what SNIPS and DR are for.
 */
export function ipsTerms(logs: readonly LoggedDecision[], targetRows: readonly ArrayLike<number>[], options: WeightOptions = {}): RowTerms {
  const weights = importanceWeights(logs, targetRows, options);
  const terms = new Float64Array(logs.length);
  for (let i = 0; i < logs.length; i++) terms[i] = weights[i]! * logs[i]!.reward;
  return { terms, weights };
}

export function ips(logs: readonly LoggedDecision[], target: TargetPolicy, options: IpsOptions = {}): Estimate {
  validateLogs(logs);
  const rows = resolveTarget(target, logs);
  return estimateFromRowTerms(ipsTerms(logs, rows, options), options.confidence ?? DEFAULT_CONFIDENCE);
}
