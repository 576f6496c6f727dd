/**
 * Anomalies in the recent past: buckets whose mean breaks from their trailing window, and arms
 * whose recent reward dropped against their own history by more than the other arms' did.
 *
 *   med_i, MAD_i   median and MAD of the means of the (up to) K eligible buckets before bucket i
 *   σ̂_i            pooled within-bucket standard deviation of the reward over the same K buckets
 *   s_i            max(1.4826·MAD_i, σ̂_i/√n_i): the spread of typical bucket means, or the sampling
 *                  noise of a mean of n_i rewards when bucket i holds fewer rewards than typical
 *   z_i            (x_i − med_i)/s_i, flagged when |z_i| > threshold (default 3.5, Iglewicz and
 *                  Hoaglin's cut-off for modified z-scores)
 *   Δ_a            change of arm a's mean reward, recent window minus history
 *   Δ_¬a           the same change for all other arms pooled; Δ_a − Δ_¬a is a's excess change
 *   k              number of arms with enough rewards to test; Bonferroni divides α by k
 */
import type { BucketStat, RewardPoint } from './notation.js';
import { MAD_TO_SIGMA, median, medianAbsoluteDeviation } from './robust-stats.js';
import { contrastTest, type SampleSummary } from './student-t.js';

export interface BucketAnomalyOptions {
  /** |z| above which a bucket is flagged. Default 3.5. */
  threshold?: number;
  /** K, the trailing window in buckets. Default 24 (a day of hourly buckets). */
  trailingBuckets?: number;
  /** Fewer eligible trailing buckets than this and the bucket is not judged. Default 8. */
  minTrailingBuckets?: number;
  /** Buckets with fewer rewards are neither judged nor used as a baseline. Default 5. */
  minCount?: number;
}

export const DEFAULT_BUCKET_ANOMALY_OPTIONS: Required<BucketAnomalyOptions> = { threshold: 3.5, trailingBuckets: 24, minTrailingBuckets: 8, minCount: 5 };

export interface BucketAnomaly {
  start: number;
  end: number;
  mean: number;
  count: number;
  /** med_i, the usual level. */
  baseline: number;
  /** s_i, the usual spread of a bucket mean. */
  scale: number;
  z: number;
  direction: 'drop' | 'spike';
}

// A scale of exactly zero (constant rewards) would make any change infinitely surprising and
// no change 0/0; a tiny floor keeps the first true and the second 0.
const SCALE_FLOOR = 1e-9;

/**
 * Pooled standard deviation of single rewards across buckets. Pooled over the window rather than
 * taken from the bucket itself: a handful of rewards gives a wildly noisy spread, and a bucket that
 * happens to look tight would then be flagged for an ordinary wobble.
 */
function pooledSd(buckets: readonly BucketStat[]): number {
  let ss = 0;
  let df = 0;
  for (const b of buckets) {
    if (!Number.isFinite(b.stdError)) continue;
    ss += b.stdError * b.stdError * b.count * (b.count - 1);
    df += b.count - 1;
  }
  return df > 0 ? Math.sqrt(ss / df) : Number.NaN;
}

/** Flags the buckets ending after recentFrom whose mean is far from their trailing window's. */
export function bucketAnomalies(buckets: readonly BucketStat[], recentFrom: number, options: BucketAnomalyOptions = {}): BucketAnomaly[] {
  const { threshold, trailingBuckets, minTrailingBuckets, minCount } = { ...DEFAULT_BUCKET_ANOMALY_OPTIONS, ...options };
  const eligible = buckets.filter((b) => b.count >= minCount);
  const out: BucketAnomaly[] = [];
  for (let i = 0; i < eligible.length; i++) {
    const b = eligible[i]!;
    if (b.end <= recentFrom) continue;
    const window = eligible.slice(Math.max(0, i - trailingBuckets), i);
    if (window.length < minTrailingBuckets) continue;
    const trailing = window.map((t) => t.mean);
    const baseline = median(trailing);
    const spread = MAD_TO_SIGMA * medianAbsoluteDeviation(trailing, baseline);
    const noise = pooledSd(window) / Math.sqrt(b.count);
    const scale = Math.max(spread, Number.isFinite(noise) ? noise : 0, SCALE_FLOOR);
    const z = (b.mean - baseline) / scale;
    if (Math.abs(z) > threshold) out.push({ start: b.start, end: b.end, mean: b.mean, count: b.count, baseline, scale, z, direction: z < 0 ? 'drop' : 'spike' });
  }
  return out;
}

export interface ArmDropOptions {
  /** Family-wise significance level over all tested arms (Bonferroni). Default 0.01. */
  alpha?: number;
  /** Smallest excess drop worth reporting, in reward units. Default 0.1. */
  minDrop?: number;
  /** Rewards needed in the recent window to test an arm (and its comparison). Default 10. */
  minRecent?: number;
  /** Rewards needed in the history to test an arm (and its comparison). Default 30. */
  minHistory?: number;
}

export const DEFAULT_ARM_DROP_OPTIONS: Required<ArmDropOptions> = { alpha: 0.01, minDrop: 0.1, minRecent: 10, minHistory: 30 };

export interface ArmReport {
  arm: string;
  historyMean: number;
  historyCount: number;
  recentMean: number;
  recentCount: number;
  /** recentMean − historyMean (NaN when either window is empty). */
  change: number;
  /** The same change for all the other arms pooled; NaN when they have too few rewards to compare with. */
  othersChange: number;
  /** change − othersChange, or change alone when there is nothing to compare with: what is particular to this arm. */
  excessChange: number;
  /** One-sided p-value for "this arm fell more than the others" (or "fell", alone), Bonferroni-adjusted; NaN when not tested. */
  pValue: number;
  status: 'degraded' | 'ok' | 'too-few';
}

export interface ArmWindows {
  /** Start of the history (inclusive). */
  from: number;
  /** End of the history and start of the recent window. */
  recentFrom: number;
  /** End of the recent window (inclusive). */
  now: number;
}

interface Welford {
  count: number;
  mean: number;
  m2: number;
}

const emptyWelford = (): Welford => ({ count: 0, mean: 0, m2: 0 });

function add(w: Welford, x: number): void {
  w.count++;
  const delta = x - w.mean;
  w.mean += delta / w.count;
  w.m2 += delta * (x - w.mean);
}

/** Chan et al.'s pairwise merge of two running summaries. */
function merge(a: Welford, b: Welford): Welford {
  const count = a.count + b.count;
  if (count === 0) return emptyWelford();
  const delta = b.mean - a.mean;
  return { count, mean: a.mean + (delta * b.count) / count, m2: a.m2 + b.m2 + (delta * delta * a.count * b.count) / count };
}

const summary = (w: Welford): SampleSummary => ({ count: w.count, mean: w.count > 0 ? w.mean : Number.NaN, variance: w.count > 1 ? w.m2 / (w.count - 1) : Number.NaN });

interface ArmWindowsStats {
  history: Welford;
  recent: Welford;
}

/**
 * Per arm, recent rewards against the arm's history. The drop is measured against the other
 * arms' change over the same windows (a difference in differences): when everything falls
 * together the cause is not the arm — the trend and dip checks report that — and the bandit's
 * shifting traffic would otherwise make every arm look guilty at once. Arms sorted by name.
 */
export function armDrops(rewards: readonly RewardPoint[], windows: ArmWindows, options: ArmDropOptions = {}): ArmReport[] {
  const { alpha, minDrop, minRecent, minHistory } = { ...DEFAULT_ARM_DROP_OPTIONS, ...options };
  const byArm = new Map<string, ArmWindowsStats>();
  for (const r of rewards) {
    if (!(r.at >= windows.from && r.at <= windows.now) || !Number.isFinite(r.reward)) continue;
    let entry = byArm.get(r.arm);
    if (!entry) byArm.set(r.arm, (entry = { history: emptyWelford(), recent: emptyWelford() }));
    add(r.at >= windows.recentFrom ? entry.recent : entry.history, r.reward);
  }
  const arms = [...byArm.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // Every t-test side needs a variance, hence at least two rewards whatever the options say.
  const enough = (e: ArmWindowsStats) => e.recent.count >= Math.max(2, minRecent) && e.history.count >= Math.max(2, minHistory);
  const others = (arm: string): ArmWindowsStats => {
    const rest: ArmWindowsStats = { history: emptyWelford(), recent: emptyWelford() };
    for (const [name, e] of arms) {
      if (name === arm) continue;
      rest.history = merge(rest.history, e.history);
      rest.recent = merge(rest.recent, e.recent);
    }
    return rest;
  };
  const k = arms.filter(([, e]) => enough(e)).length;

  return arms.map(([arm, e]): ArmReport => {
    const history = summary(e.history);
    const recent = summary(e.recent);
    const change = recent.mean - history.mean;
    const base = { arm, historyMean: history.mean, historyCount: history.count, recentMean: recent.mean, recentCount: recent.count, change };
    const rest = others(arm);
    const comparable = enough(rest);
    const othersChange = comparable ? rest.recent.mean - rest.history.mean : Number.NaN;
    const excessChange = comparable ? change - othersChange : change;
    if (!enough(e)) return { ...base, othersChange, excessChange, pValue: Number.NaN, status: 'too-few' };
    const samples = comparable ? [history, recent, summary(rest.history), summary(rest.recent)] : [history, recent];
    const pValue = Math.min(1, k * contrastTest(-excessChange, samples).pGreater);
    return { ...base, othersChange, excessChange, pValue, status: pValue < alpha && -excessChange >= minDrop ? 'degraded' : 'ok' };
  });
}
