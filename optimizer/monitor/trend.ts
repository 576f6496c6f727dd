/**
 * Trend in the bucket means: Mann–Kendall test for a monotone trend, Theil–Sen slope with
 * Sen's confidence interval, in reward per day.
 *
 *   x_1 … x_n   bucket means in time order; τ_i bucket midpoints in days
 *   S           Σ_{i<j} sgn(x_j − x_i)
 *   Var(S)      [n(n−1)(2n+5) − Σ_g t_g(t_g−1)(2t_g+5)] / 18, t_g the size of the g-th group of ties
 *   Z           (S − sgn S)/√Var(S), the continuity-corrected normal score
 *   β           Theil–Sen slope, median over i<j of (x_j − x_i)/(τ_j − τ_i)
 *   C           z_{1−(1−c)/2}·√Var(S); Sen's limits are the (N−C)/2-th and ((N+C)/2 + 1)-th of the
 *               N sorted pairwise slopes (Gilbert 1987, §16.5), interpolated between ranks
 *
 * Bucket means enter unweighted. Mann–Kendall is a rank test: with no trend, a busy bucket's
 * mean is as likely to sit above a quiet one's as below it (noise symmetric about the same
 * level), so the ranks stay close to random whatever the counts, while weighting has no
 * standard null distribution to test against. Sparse buckets only add noise, which costs power
 * rather than raising false alarms.
 */
import { normalQuantile } from '../../experiments/normal.js';
import { normalCdf } from '../log-ei.js';
import type { BucketSeries } from './bucket-series.js';
import { exactMannKendallP } from './kendall-exact.js';
import { MS_PER_DAY } from './notation.js';
import { orderStatistic, sortedCopy, medianOfSorted } from './robust-stats.js';

/** Below this many points the p-value is exact (q-multinomial); from it on, the normal approximation. */
export const EXACT_BELOW = 10;

export interface MannKendallResult {
  n: number;
  s: number;
  varS: number;
  /** Continuity-corrected normal score (also reported when the p-value is exact). */
  z: number;
  /** Two-sided p-value for "no monotone trend". */
  pValue: number;
  method: 'exact' | 'normal';
}

/** Sizes of the groups of equal values (singletons included). */
export function tieGroups(values: readonly number[]): number[] {
  const sorted = sortedCopy(values);
  const groups: number[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    groups.push(j - i);
    i = j;
  }
  return groups;
}

export function mannKendall(values: readonly number[]): MannKendallResult {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(values[j]! - values[i]!);
  const groups = tieGroups(values);
  const tieTerm = groups.reduce((acc, t) => acc + t * (t - 1) * (2 * t + 5), 0);
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = varS > 0 ? (s - Math.sign(s)) / Math.sqrt(varS) : 0;
  if (n < 2) return { n, s, varS, z, pValue: 1, method: 'exact' };
  if (n < EXACT_BELOW) return { n, s, varS, z, pValue: exactMannKendallP(s, groups), method: 'exact' };
  return { n, s, varS, z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))), method: 'normal' };
}

export interface TheilSenResult {
  /** Median pairwise slope, in y per unit of t. */
  slope: number;
  low: number;
  high: number;
}

/** Theil–Sen slope of y on t (t strictly increasing) with Sen's interval at the given confidence. */
export function theilSen(t: readonly number[], y: readonly number[], varS: number, confidence: number): TheilSenResult {
  const slopes: number[] = [];
  for (let i = 0; i < t.length; i++) for (let j = i + 1; j < t.length; j++) slopes.push((y[j]! - y[i]!) / (t[j]! - t[i]!));
  if (slopes.length === 0) return { slope: Number.NaN, low: Number.NaN, high: Number.NaN };
  const sorted = sortedCopy(slopes);
  const c = normalQuantile(1 - (1 - confidence) / 2) * Math.sqrt(varS);
  const nSlopes = sorted.length;
  return {
    slope: medianOfSorted(sorted),
    low: orderStatistic(sorted, (nSlopes - c) / 2),
    high: orderStatistic(sorted, (nSlopes + c) / 2 + 1),
  };
}

export interface TrendOptions {
  /** Significance level of the Mann–Kendall test. Default 0.01: the check runs again and again, so false alarms add up. */
  alpha?: number;
  /** Confidence of Sen's slope interval. Default 0.95. */
  confidence?: number;
  /** Smallest change over the whole span (|β|·span in days) worth reporting. Default 0.05 reward. */
  minChange?: number;
}

export const DEFAULT_TREND_OPTIONS: Required<TrendOptions> = { alpha: 0.01, confidence: 0.95, minChange: 0.05 };

export interface TrendResult extends MannKendallResult {
  /** Theil–Sen slope, reward per day. */
  slopePerDay: number;
  /** Sen's confidence interval of the slope, reward per day. */
  slopeLow: number;
  slopeHigh: number;
  /** Length of the span analysed, in days. */
  spanDays: number;
  /** 'flat' unless p < alpha and the change over the span reaches minChange. */
  direction: 'falling' | 'rising' | 'flat';
}

export function detectTrend(series: BucketSeries, options: TrendOptions = {}): TrendResult {
  const { alpha, confidence, minChange } = { ...DEFAULT_TREND_OPTIONS, ...options };
  const means = series.buckets.map((b) => b.mean);
  const mid = series.buckets.map((b) => (b.start + b.end) / 2 / MS_PER_DAY);
  const mk = mannKendall(means);
  const sen = theilSen(mid, means, mk.varS, confidence);
  const spanDays = (series.to - series.from) / MS_PER_DAY;
  // The test and the slope must agree on the sign: with many ties S can lean one way while the median slope is 0.
  const significant = mk.pValue < alpha && Math.abs(sen.slope) * spanDays >= minChange && Math.sign(sen.slope) === Math.sign(mk.s);
  const direction = !significant ? 'flat' : sen.slope < 0 ? 'falling' : 'rising';
  return { ...mk, slopePerDay: sen.slope, slopeLow: sen.low, slopeHigh: sen.high, spanDays, direction };
}
