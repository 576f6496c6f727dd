/**
 * The primary metric over time: per variant, the mean of the rewards closed so far and its
 * always-valid interval, at evenly spaced moments since the experiment started. Because the
 * interval holds at every moment at once, the whole curve can be read without a peeking penalty.
 * Pure, so the chart /abtest status draws can be tested without a database or a renderer.
 */
import type { ExperimentRecord, RewardClose } from '../store/experiment-records.js';
import { addObservation, emptyArm, type ArmStats } from './arm-stats.js';
import { DEFAULT_ALPHA } from './always-valid.js';
import { meanInterval } from './experiment-report.js';

export interface TimelinePoint {
  /** Epoch ms. */
  at: number;
  /** Rewards closed by `at`. */
  count: number;
  mean: number;
  /** Undefined below the interval's minimum sample (as in the status table). */
  interval?: { lower: number; upper: number };
}

export interface VariantTimeline {
  name: string;
  /** Moments with at least one closed reward, oldest first. */
  points: TimelinePoint[];
}

export interface RewardTimeline {
  start: number;
  end: number;
  variants: VariantTimeline[];
}

export interface TimelineOptions {
  /** The present: where a running experiment's curve ends. */
  now: number;
  /** Moments on the curve; 30 keeps a chart smooth and the sweep cheap. */
  points?: number;
  alpha?: number;
}

export const DEFAULT_TIMELINE_POINTS = 30;

/**
 * The last moment is the later of the experiment's end (`now` while it runs) and its last closed
 * reward: rewards keep closing for a feedback window after a stop, and the curve must end on the
 * numbers the status table shows.
 */
export function rewardTimeline(experiment: ExperimentRecord, closes: readonly RewardClose[], options: TimelineOptions): RewardTimeline {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const count = Math.max(1, Math.floor(options.points ?? DEFAULT_TIMELINE_POINTS));
  const start = experiment.createdAt;
  const sorted = [...closes].sort((a, b) => a.closedAt - b.closedAt);
  const lastClose = sorted.length > 0 ? sorted[sorted.length - 1]!.closedAt : start;
  const end = Math.max(start, experiment.stoppedAt ?? options.now, lastClose);
  const moments = end > start ? Array.from({ length: count }, (_, i) => start + ((i + 1) * (end - start)) / count) : [end];

  const stats = new Map<string, ArmStats>(experiment.variants.map((v) => [v.name, emptyArm()]));
  const timelines = new Map<string, TimelinePoint[]>(experiment.variants.map((v) => [v.name, []]));
  let next = 0;
  for (const [i, moment] of moments.entries()) {
    // The last moment takes everything: floating-point steps must not leave the final close out.
    const at = i === moments.length - 1 ? end : moment;
    for (; next < sorted.length && sorted[next]!.closedAt <= at; next++) {
      const close = sorted[next]!;
      const current = stats.get(close.variant);
      if (current) stats.set(close.variant, addObservation(current, close.reward));
    }
    for (const [name, s] of stats) {
      if (s.count === 0) continue;
      const interval = meanInterval(s, alpha);
      timelines.get(name)!.push({ at, count: s.count, mean: s.mean, ...(interval ? { interval } : {}) });
    }
  }
  return { start, end, variants: experiment.variants.map((v) => ({ name: v.name, points: timelines.get(v.name)! })) };
}
