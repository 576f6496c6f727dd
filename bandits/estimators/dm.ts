import { DEFAULT_CONFIDENCE, estimateFromRowTerms, type Estimate, type EstimateOptions, type RowTerms } from './estimate.js';
import { validateLogs, type LoggedDecision } from './logged-decision.js';
import type { Context } from '../types.js';
import { modelForRow, type AnyRewardModel, type RewardModel } from './reward-model.js';
import { crossFitRidgeRewardModel, type CrossFitOptions } from './ridge-reward-model.js';
import { resolveTarget, type TargetPolicy } from './target-policy.js';

export interface ModelOptions extends Pick<CrossFitOptions, 'folds' | 'lambda'> {
  /** q̂(x, a). Default: a per-arm ridge regression on the logs, cross-fitted over `folds`. */
  rewardModel?: AnyRewardModel;
}

export interface DmOptions extends EstimateOptions, ModelOptions {}

/** The given model, or the default cross-fitted ridge sized to the target's arms. */
export function resolveRewardModel(logs: readonly LoggedDecision[], arms: number, options: ModelOptions): AnyRewardModel {
  return options.rewardModel ?? crossFitRidgeRewardModel(logs, { arms, folds: options.folds, lambda: options.lambda });
}

/** q̂(x, a), refusing NaN or ±∞: one bad prediction would otherwise poison the whole mean silently. */
export function predict(q: RewardModel, x: Context, arm: number, row: number): number {
  const prediction = q(x, arm);
  if (!Number.isFinite(prediction)) throw new RangeError(`row ${row}: reward model predicted ${prediction} for arm ${arm}`);
  return prediction;
}

/** Σ_a π(a|x_i) q̂(x_i, a): the model's view of what the target earns on row i. */
export function modelValue(x: Context, probabilities: ArrayLike<number>, q: RewardModel, row: number): number {
  let s = 0;
  for (let a = 0; a < probabilities.length; a++) {
    const p = probabilities[a]!;
    // Skipping zero-probability arms saves model calls for deterministic targets.
    if (p === 0) continue;
    s += p * predict(q, x, a, row);
  }
  return s;
}

/**
 * Direct method: mean over rows of Σ_a π(a|x_i) q̂(x_i, a). Low variance, no weights — but
 * exactly as biased as q̂, and its interval reflects only the spread of contexts, not the
 * model's own error, so it is overconfident whenever q̂ is wrong.
 */
export function dmTerms(logs: readonly LoggedDecision[], targetRows: readonly ArrayLike<number>[], rewardModel: AnyRewardModel): RowTerms {
  const terms = new Float64Array(logs.length);
  for (let i = 0; i < logs.length; i++) terms[i] = modelValue(logs[i]!.x, targetRows[i]!, modelForRow(rewardModel, i), i);
  return { terms };
}

export function dm(logs: readonly LoggedDecision[], target: TargetPolicy, options: DmOptions = {}): Estimate {
  validateLogs(logs);
  const rows = resolveTarget(target, logs);
  const model = resolveRewardModel(logs, rows[0]!.length, options);
  return estimateFromRowTerms(dmTerms(logs, rows, model), options.confidence ?? DEFAULT_CONFIDENCE);
}
