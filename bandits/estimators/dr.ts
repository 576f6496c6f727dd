import { modelValue, predict, resolveRewardModel, type ModelOptions } from './dm.js';
import { DEFAULT_CONFIDENCE, estimateFromRowTerms, type Estimate, type EstimateOptions, type RowTerms } from './estimate.js';
import { importanceWeights, type WeightOptions } from './importance-weights.js';
import { validateLogs, type LoggedDecision } from './logged-decision.js';
import { modelForRow, type AnyRewardModel } from './reward-model.js';
import { resolveTarget, type TargetPolicy } from './target-policy.js';

export interface DrOptions extends EstimateOptions, ModelOptions, WeightOptions {}

/**
 * Doubly robust: DM term + w_i (r_i − q̂(x_i, a_i)). Unbiased if either the propensities are
 * right (the correction cancels the model's bias in expectation) or q̂ is right (the
 * correction has mean zero); and the better q̂, the smaller the residual the weights multiply,
 * hence less variance than IPS. Requires q̂ on row i not to be fitted on row i: see
 * CrossFittedRewardModel.
 */
export function drTerms(
  logs: readonly LoggedDecision[],
  targetRows: readonly ArrayLike<number>[],
  rewardModel: AnyRewardModel,
  options: WeightOptions = {},
): RowTerms {
  const weights = importanceWeights(logs, targetRows, options);
  const terms = new Float64Array(logs.length);
  for (let i = 0; i < logs.length; i++) {
    const { x, arm, reward } = logs[i]!;
    const q = modelForRow(rewardModel, i);
    const base = modelValue(x, targetRows[i]!, q, i);
    // With zero weight the residual cannot matter; skip the model call.
    terms[i] = weights[i] === 0 ? base : base + weights[i]! * (reward - predict(q, x, arm, i));
  }
  return { terms, weights };
}

export function dr(logs: readonly LoggedDecision[], target: TargetPolicy, options: DrOptions = {}): Estimate {
  validateLogs(logs);
  const rows = resolveTarget(target, logs);
  const model = resolveRewardModel(logs, rows[0]!.length, options);
  return estimateFromRowTerms(drTerms(logs, rows, model, options), options.confidence ?? DEFAULT_CONFIDENCE);
}
