/**
 * Notation and shared shapes for optimizer/monitor/ (trend and anomaly detection on closed rewards).
 *
 *   r_k = (t_k, y_k, a_k)   one closed reward: time t_k (epoch ms), reward y_k (mostly in [−2, 2],
 *                           latency and cost already folded in), arm a_k ("provider:model")
 *   now                     the current time, always passed in: nothing in this folder reads a clock
 *   w                       bucket width in ms; bucket j covers [j·w, (j+1)·w), aligned to the
 *                           epoch so hourly and daily buckets start on UTC hours and midnights
 *   x_i, n_i, se_i          mean, count and standard error of the i-th non-empty bucket, in time order
 *   τ_i                     midpoint of bucket i in days, the abscissa of Theil–Sen slopes
 *   S, Var(S)               Mann–Kendall statistic Σ_{i<j} sgn(x_j − x_i) and its null variance
 *   β                       Theil–Sen slope: median of (x_j − x_i)/(τ_j − τ_i), reward per day
 *   med, MAD                median and median absolute deviation; 1.4826·MAD estimates σ under normality
 *   z                       robust z-score (x − med)/scale of a bucket against its trailing window
 *   α                       significance level; family-wise over arms (Bonferroni)
 */

/** One closed reward as the router stores it. */
export interface RewardPoint {
  /** Epoch ms at which the reward closed. */
  at: number;
  reward: number;
  arm: string;
}

/** Summary of one non-empty time bucket. */
export interface BucketStat {
  /** Inclusive start, epoch ms. */
  start: number;
  /** Exclusive end, epoch ms. */
  end: number;
  mean: number;
  count: number;
  /** Standard error of the mean; NaN with a single reward (no spread to estimate). */
  stdError: number;
}

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
