import { zForConfidence } from './inverse-normal-cdf.js';

/** A point estimate of a policy's value with a normal-approximation confidence interval. */
export interface Estimate {
  value: number;
  stdError: number;
  lower: number;
  upper: number;
  /** Two-sided level of [lower, upper], e.g. 0.95. */
  confidence: number;
  /** Logged rows used. */
  n: number;
  /**
   * (Σw)² / Σw² for importance-weighted estimators: roughly how many on-policy rows the
   * logs are worth. Far below n means a few heavy weights dominate and the interval is fragile.
   */
  effectiveSampleSize?: number;
}

export const DEFAULT_CONFIDENCE = 0.95;

export interface EstimateOptions {
  /** Two-sided confidence level of the interval; default 0.95. */
  confidence?: number;
}

/**
 * Every estimator here reduces to a mean of per-row terms (SNIPS via its delta-method
 * influence terms), so one routine gives value ± z·sd/√n — and the same terms, subtracted
 * row by row, give paired comparisons between policies.
 */
export function estimateFromTerms(terms: ArrayLike<number>, confidence = DEFAULT_CONFIDENCE): Estimate {
  const z = zForConfidence(confidence);
  const n = terms.length;
  if (n === 0) throw new RangeError('cannot estimate from zero rows');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += terms[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (terms[i]! - mean) ** 2;
  // One row says nothing about spread: an infinite interval is the honest answer.
  const stdError = n > 1 ? Math.sqrt(ss / (n - 1) / n) : Infinity;
  return { value: mean, stdError, lower: mean - z * stdError, upper: mean + z * stdError, confidence, n };
}

/**
 * What an estimator computes before the interval: per-row terms whose mean is the estimate,
 * and the importance weights when it uses any (for the effective sample size).
 */
export interface RowTerms {
  terms: Float64Array;
  weights?: Float64Array;
}

/** The Estimate of a set of row terms, with the effective sample size when weights are known. */
export function estimateFromRowTerms(rowTerms: RowTerms, confidence = DEFAULT_CONFIDENCE): Estimate {
  const estimate = estimateFromTerms(rowTerms.terms, confidence);
  if (rowTerms.weights) estimate.effectiveSampleSize = effectiveSampleSize(rowTerms.weights);
  return estimate;
}

/** Kish's effective sample size of a set of weights; 0 when all weights are 0. */
export function effectiveSampleSize(weights: ArrayLike<number>): number {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i]!;
    sumSq += weights[i]! ** 2;
  }
  return sumSq > 0 ? (sum * sum) / sumSq : 0;
}
