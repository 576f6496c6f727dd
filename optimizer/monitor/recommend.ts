/**
 * monitorRewards: the whole check an admin asks for — trend over the window, anomalies in the
 * last day, per-arm drops — and what to do about them, in plain words. Pure: the rewards and
 * `now` come in, nothing is read from a clock or a store.
 *
 *   window   [now − windowMs, now], the span of the trend and of each arm's history
 *   recent   [now − recentMs, now], the span judged for anomalies and arm drops
 */
import { armDrops, bucketAnomalies, DEFAULT_BUCKET_ANOMALY_OPTIONS, type ArmDropOptions, type ArmReport, type BucketAnomaly, type BucketAnomalyOptions } from './anomaly.js';
import { bucketSeries } from './bucket-series.js';
import { formatDuration, formatP, formatReward, formatUtc } from './format.js';
import { MS_PER_DAY, MS_PER_HOUR, type BucketStat, type RewardPoint } from './notation.js';
import { detectTrend, type TrendOptions, type TrendResult } from './trend.js';

export interface MonitorOptions {
  /** Span of the trend and of the arms' history. Default 14 days. */
  windowMs?: number;
  /** Span judged for anomalies and arm drops. Default 24 h. */
  recentMs?: number;
  /** Trend test; bucketMs is chosen for 20–60 buckets over the data's span when absent. */
  trend?: TrendOptions & { bucketMs?: number };
  /** Bucket anomalies; bucketMs defaults to 1 h, fine enough to place a provider outage. */
  anomaly?: BucketAnomalyOptions & { bucketMs?: number };
  arms?: ArmDropOptions;
  /** Command named when the reward falls. Default "/optimizer run". */
  optimizerCommand?: string;
}

export const DEFAULT_MONITOR_OPTIONS = {
  windowMs: 14 * MS_PER_DAY,
  recentMs: 24 * MS_PER_HOUR,
  anomalyBucketMs: MS_PER_HOUR,
  optimizerCommand: '/optimizer run',
} as const;

/** Below this many trend buckets even a perfect trend cannot reach p < 0.01, so silence means nothing. */
export const MIN_TREND_BUCKETS = 6;

export interface MonitorTrend extends TrendResult {
  bucketMs: number;
  /** Span actually analysed: the window, shortened to the first reward inside it. */
  from: number;
  to: number;
  buckets: BucketStat[];
}

export interface MonitorReport {
  now: number;
  /** Rewards inside the window. */
  rewardCount: number;
  trend: MonitorTrend;
  /** Flagged buckets of the recent span, in time order. */
  anomalies: BucketAnomaly[];
  /** Every arm seen in the window, by name. */
  arms: ArmReport[];
  /** Most urgent first; never empty. */
  recommendations: string[];
}

export function monitorRewards(rewards: readonly RewardPoint[], now: number, options: MonitorOptions = {}): MonitorReport {
  const windowMs = options.windowMs ?? DEFAULT_MONITOR_OPTIONS.windowMs;
  const recentMs = options.recentMs ?? DEFAULT_MONITOR_OPTIONS.recentMs;
  const command = options.optimizerCommand ?? DEFAULT_MONITOR_OPTIONS.optimizerCommand;
  const windowFrom = now - windowMs;
  const recentFrom = now - recentMs;
  // Spans end at now inclusive; bucketSeries takes an exclusive end.
  const inWindow = rewards.filter((r) => r.at >= windowFrom && r.at <= now);

  const trendSeries = bucketSeries(inWindow, { to: now + 1, bucketMs: options.trend?.bucketMs });
  const { bucketMs, from, to, buckets } = trendSeries;
  const trend: MonitorTrend = { ...detectTrend(trendSeries, options.trend), bucketMs, from, to, buckets };

  const anomalyOptions = options.anomaly ?? {};
  const anomalyBucketMs = anomalyOptions.bucketMs ?? DEFAULT_MONITOR_OPTIONS.anomalyBucketMs;
  const trailing = anomalyOptions.trailingBuckets ?? DEFAULT_BUCKET_ANOMALY_OPTIONS.trailingBuckets;
  // Reach back far enough that the first recent bucket has a full trailing window, even past the
  // trend window when that is set shorter.
  const anomalySeries = bucketSeries(rewards, { from: recentFrom - trailing * anomalyBucketMs, to: now + 1, bucketMs: anomalyBucketMs });
  const anomalies = bucketAnomalies(anomalySeries.buckets, recentFrom, anomalyOptions);

  const arms = armDrops(rewards, { from: windowFrom, recentFrom, now }, options.arms);

  const recommendations = recommend({ rewardCount: inWindow.length, windowMs, recentMs, trend, anomalies, arms, command });
  return { now, rewardCount: inWindow.length, trend, anomalies, arms, recommendations };
}

/** A run of flagged buckets back to back in time, all in the same direction. */
export interface AnomalyEpisode {
  direction: BucketAnomaly['direction'];
  start: number;
  end: number;
  mean: number;
  baseline: number;
}

export function anomalyEpisodes(anomalies: readonly BucketAnomaly[]): AnomalyEpisode[] {
  const episodes: (AnomalyEpisode & { count: number })[] = [];
  for (const a of anomalies) {
    const last = episodes[episodes.length - 1];
    if (last && last.direction === a.direction && last.end === a.start) {
      last.mean = (last.mean * last.count + a.mean * a.count) / (last.count + a.count);
      last.count += a.count;
      last.end = a.end;
    } else {
      episodes.push({ direction: a.direction, start: a.start, end: a.end, mean: a.mean, baseline: a.baseline, count: a.count });
    }
  }
  return episodes.map(({ direction, start, end, mean, baseline }) => ({ direction, start, end, mean, baseline }));
}

/** "at 2026-11-20 14:00 UTC" for one bucket, "from 2026-11-20 14:00 to 17:00 UTC" for a run. */
function when(e: AnomalyEpisode, bucketMs: number): string {
  if (e.end - e.start <= bucketMs) return `at ${formatUtc(e.start)}`;
  const from = formatUtc(e.start);
  const to = formatUtc(e.end);
  const sameDay = from.slice(0, 10) === to.slice(0, 10);
  return `from ${from.replace(' UTC', '')} to ${sameDay ? to.slice(11) : to}`;
}

export interface RecommendInput {
  rewardCount: number;
  windowMs: number;
  recentMs: number;
  trend: MonitorTrend;
  anomalies: readonly BucketAnomaly[];
  arms: readonly ArmReport[];
  command: string;
}

/** Plain-language advice, most urgent first: dips, failing arms, a falling trend, then good news. */
export function recommend(input: RecommendInput): string[] {
  const { trend, arms, command } = input;
  const episodes = anomalyEpisodes(input.anomalies);
  const bucketMs = input.anomalies[0] ? input.anomalies[0].end - input.anomalies[0].start : 0;
  const out: string[] = [];

  for (const e of episodes.filter((x) => x.direction === 'drop')) {
    const level = `mean ${formatReward(e.mean)} against a usual ${formatReward(e.baseline)}`;
    out.push(`Reward dipped sharply ${when(e, bucketMs)} (${level}): check provider status and recent errors.`);
  }
  const degraded = arms.filter((a) => a.status === 'degraded').sort((a, b) => a.excessChange - b.excessChange);
  for (const a of degraded) {
    // When the other arms fell too, the plain before/after would overstate this arm's share.
    const othersFell = a.othersChange < 0 && -a.othersChange >= 0.25 * -a.change;
    const excess = othersFell ? `, ${formatReward(-a.excessChange)} more than the other arms` : '';
    const fell = `fell from ${formatReward(a.historyMean)} to ${formatReward(a.recentMean)} in the last ${formatDuration(input.recentMs)}`;
    out.push(`${a.arm}'s reward ${fell}${excess} (p ${formatP(a.pValue)}): its circuit or prompts may need attention.`);
  }
  const span = formatDuration(trend.spanDays * MS_PER_DAY);
  if (trend.direction === 'falling') {
    out.push(`Reward has fallen by ${formatReward(-trend.slopePerDay)} a day over the last ${span} (p ${formatP(trend.pValue)}): consider running the optimizer (${command}).`);
  }
  for (const e of episodes.filter((x) => x.direction === 'spike')) {
    const level = `mean ${formatReward(e.mean)} against a usual ${formatReward(e.baseline)}`;
    out.push(`Reward jumped ${when(e, bucketMs)} (${level}): nothing to fix, but worth knowing what changed.`);
  }
  if (trend.direction === 'rising') {
    out.push(`Reward has risen by ${formatReward(trend.slopePerDay)} a day over the last ${span} (p ${formatP(trend.pValue)}): the router is improving; nothing to do.`);
  }
  if (out.length > 0) return out;

  if (input.rewardCount === 0) return [`No rewards in the last ${formatDuration(input.windowMs)}: nothing to check yet.`];
  if (trend.n < MIN_TREND_BUCKETS) return [`Too few rewards to judge a trend yet (${input.rewardCount} over ${span}): nothing to do for now.`];
  return ['No trend or anomaly: nothing to do.'];
}
