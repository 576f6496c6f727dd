/**
 * Rewards → equal-width time buckets (mean, count, standard error), the series both detectors
 * read. Buckets are aligned to the epoch, not to the first reward, so "the 14:00 bucket" means
 * 14:00–15:00 UTC whatever the data; empty buckets are left out rather than filled, since a
 * quiet hour is no evidence about the reward.
 *
 *   w        bucket width (ms); bucket j = ⌊t/w⌋ covers [j·w, (j+1)·w)
 *   [from, to)  the span read; rewards outside it, or not finite, are ignored
 */
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, type BucketStat, type RewardPoint } from './notation.js';

/**
 * Candidate widths, each at most 3× the previous: taking the widest that still yields 20 buckets
 * therefore lands between 20 and 60, wide enough to average out noise and fine enough for a
 * rank test (Mann–Kendall has little power below ~10 points).
 */
export const BUCKET_WIDTHS_MS: readonly number[] = [
  MS_PER_MINUTE,
  2 * MS_PER_MINUTE,
  5 * MS_PER_MINUTE,
  10 * MS_PER_MINUTE,
  15 * MS_PER_MINUTE,
  30 * MS_PER_MINUTE,
  MS_PER_HOUR,
  2 * MS_PER_HOUR,
  3 * MS_PER_HOUR,
  6 * MS_PER_HOUR,
  12 * MS_PER_HOUR,
  MS_PER_DAY,
  2 * MS_PER_DAY,
  3 * MS_PER_DAY,
  7 * MS_PER_DAY,
  14 * MS_PER_DAY,
  28 * MS_PER_DAY,
];

export const MIN_AUTO_BUCKETS = 20;

/** The widest candidate width giving at least 20 buckets over spanMs (the narrowest when none does). */
export function chooseBucketMs(spanMs: number): number {
  let chosen = BUCKET_WIDTHS_MS[0]!;
  for (const w of BUCKET_WIDTHS_MS) if (spanMs / w >= MIN_AUTO_BUCKETS) chosen = w;
  return chosen;
}

export interface BucketOptions {
  /** Bucket width in ms; chosen by chooseBucketMs over [from, to) when absent. */
  bucketMs?: number;
  /** Inclusive start of the span; the earliest reward when absent. */
  from?: number;
  /** Exclusive end of the span; just after the latest reward when absent. */
  to?: number;
}

export interface BucketSeries {
  bucketMs: number;
  from: number;
  to: number;
  /** Non-empty buckets in time order. */
  buckets: BucketStat[];
}

interface Accumulator {
  count: number;
  mean: number;
  m2: number;
}

export function bucketSeries(rewards: readonly RewardPoint[], options: BucketOptions = {}): BucketSeries {
  const inSpan = (r: RewardPoint) =>
    Number.isFinite(r.at) && Number.isFinite(r.reward) && (options.from === undefined || r.at >= options.from) && (options.to === undefined || r.at < options.to);
  let first = Infinity;
  let last = -Infinity;
  for (const r of rewards) {
    if (!inSpan(r)) continue;
    first = Math.min(first, r.at);
    last = Math.max(last, r.at);
  }
  const from = options.from ?? (Number.isFinite(first) ? first : 0);
  const to = options.to ?? (Number.isFinite(last) ? last + 1 : from);
  if (!(to > from)) return { bucketMs: options.bucketMs ?? BUCKET_WIDTHS_MS[0]!, from, to: from, buckets: [] };
  const bucketMs = options.bucketMs ?? chooseBucketMs(to - from);
  if (!(bucketMs > 0)) throw new Error(`bucketSeries needs a positive bucket width, got ${bucketMs}.`);

  // Welford per bucket: one pass, no catastrophic cancellation on long constant stretches.
  const acc = new Map<number, Accumulator>();
  for (const r of rewards) {
    if (!inSpan(r)) continue;
    const j = Math.floor(r.at / bucketMs);
    let a = acc.get(j);
    if (!a) acc.set(j, (a = { count: 0, mean: 0, m2: 0 }));
    a.count++;
    const delta = r.reward - a.mean;
    a.mean += delta / a.count;
    a.m2 += delta * (r.reward - a.mean);
  }
  const buckets = [...acc.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([j, a]): BucketStat => ({
      start: j * bucketMs,
      end: (j + 1) * bucketMs,
      mean: a.mean,
      count: a.count,
      stdError: a.count < 2 ? Number.NaN : Math.sqrt(a.m2 / (a.count - 1) / a.count),
    }));
  return { bucketMs, from, to, buckets };
}
