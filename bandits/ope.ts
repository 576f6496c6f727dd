import { dmTerms, resolveRewardModel } from './estimators/dm.js';
import { drTerms } from './estimators/dr.js';
import { DEFAULT_CONFIDENCE, estimateFromRowTerms, estimateFromTerms, type Estimate, type RowTerms } from './estimators/estimate.js';
import type { WeightOptions } from './estimators/importance-weights.js';
import { ipsTerms } from './estimators/ips.js';
import { validateLogs, type LoggedDecision } from './estimators/logged-decision.js';
import type { AnyRewardModel } from './estimators/reward-model.js';
import { snipsTerms } from './estimators/snips.js';
import { resolveTarget, type TargetPolicy } from './estimators/target-policy.js';

/**
 * Off-policy evaluation: what a target policy would have earned on traffic that another
 * (logging) policy served, from the logged decisions and their propensities alone.
 */

export type EstimatorName = 'ips' | 'snips' | 'dm' | 'dr';

export interface EvaluateOptions extends WeightOptions {
  /** Default 'dr': unbiased with correct propensities, and lower variance than IPS. */
  estimator?: EstimatorName;
  /** Two-sided confidence level; default 0.95. */
  confidence?: number;
  /** q̂ for DM and DR. Default: per-arm ridge on the logs, cross-fitted over `folds`. */
  rewardModel?: AnyRewardModel;
  /** Cross-fitting folds of the default reward model; default 2. */
  folds?: number;
  /** Ridge strength of the default reward model; default 1. */
  lambda?: number;
}

export interface PolicyEvaluation extends Estimate {
  estimator: EstimatorName;
}

/** Candidate − baseline on the same logs, with its interval from the paired per-row terms. */
export interface PolicyComparison extends Estimate {
  estimator: EstimatorName;
  candidate: PolicyEvaluation;
  baseline: PolicyEvaluation;
}

const ESTIMATORS: readonly EstimatorName[] = ['ips', 'snips', 'dm', 'dr'];

function needsModel(estimator: EstimatorName): boolean {
  return estimator === 'dm' || estimator === 'dr';
}

function rowTerms(
  estimator: EstimatorName,
  logs: readonly LoggedDecision[],
  rows: readonly ArrayLike<number>[],
  model: AnyRewardModel | undefined,
  options: EvaluateOptions,
): RowTerms {
  switch (estimator) {
    case 'ips':
      return ipsTerms(logs, rows, options);
    case 'snips':
      return snipsTerms(logs, rows, options);
    case 'dm':
      return dmTerms(logs, rows, model!);
    case 'dr':
      return drTerms(logs, rows, model!, options);
  }
}

function estimatorOf(options: EvaluateOptions): EstimatorName {
  const estimator = options.estimator ?? 'dr';
  if (!ESTIMATORS.includes(estimator)) throw new RangeError(`unknown estimator '${String(estimator)}'; expected one of ${ESTIMATORS.join(', ')}`);
  return estimator;
}

export function evaluatePolicy(logs: readonly LoggedDecision[], target: TargetPolicy, options: EvaluateOptions = {}): PolicyEvaluation {
  const estimator = estimatorOf(options);
  validateLogs(logs);
  const rows = resolveTarget(target, logs);
  const model = needsModel(estimator) ? resolveRewardModel(logs, rows[0]!.length, options) : undefined;
  const estimate = estimateFromRowTerms(rowTerms(estimator, logs, rows, model, options), options.confidence ?? DEFAULT_CONFIDENCE);
  return { ...estimate, estimator };
}

/**
 * Estimates value(candidate) − value(baseline) on the same logs. Both policies are scored on
 * the same rows (and, for DM/DR, with the same reward model), so their per-row terms are
 * strongly correlated; the interval of the row-wise difference is much narrower than the two
 * separate intervals combined. `lower` is what a cautious optimizer compares with zero.
 */
export function comparePolicies(
  logs: readonly LoggedDecision[],
  candidate: TargetPolicy,
  baseline: TargetPolicy,
  options: EvaluateOptions = {},
): PolicyComparison {
  const estimator = estimatorOf(options);
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  validateLogs(logs);
  const candidateRows = resolveTarget(candidate, logs);
  const baselineRows = resolveTarget(baseline, logs);
  if (candidateRows[0]!.length !== baselineRows[0]!.length) {
    throw new RangeError(`candidate has ${candidateRows[0]!.length} arms, baseline has ${baselineRows[0]!.length}`);
  }
  const model = needsModel(estimator) ? resolveRewardModel(logs, candidateRows[0]!.length, options) : undefined;
  const a = rowTerms(estimator, logs, candidateRows, model, options);
  const b = rowTerms(estimator, logs, baselineRows, model, options);
  const difference = a.terms.map((t, i) => t - b.terms[i]!);
  return {
    ...estimateFromTerms(difference, confidence),
    estimator,
    candidate: { ...estimateFromRowTerms(a, confidence), estimator },
    baseline: { ...estimateFromRowTerms(b, confidence), estimator },
  };
}
