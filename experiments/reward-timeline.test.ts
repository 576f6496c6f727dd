import { describe, expect, it } from 'vitest';
import type { ExperimentRecord, ExposureOutcome, RewardClose } from '../store/experiment-records.js';
import { experimentReport } from './experiment-report.js';
import { rewardTimeline } from './reward-timeline.js';

const MINUTE = 60_000;

const experiment: ExperimentRecord = {
  id: 'e', tenant: 't', name: 'x', status: 'running', salt: 's', createdAt: 1_000_000, stoppedAt: null, control: 'A',
  variants: [
    { name: 'A', share: 2, policy: { kind: 'bandit' } },
    { name: 'B', share: 1, policy: { kind: 'fixed-arm', arm: 'a' } },
    { name: 'C', share: 1, policy: { kind: 'bandit', overrides: { epsilon: 0.2 } } },
  ],
};

/** `n` rewards of a variant, one a minute from the start. */
const closes = (variant: string, n: number, reward: (i: number) => number): RewardClose[] =>
  Array.from({ length: n }, (_, i) => ({ variant, reward: reward(i), closedAt: experiment.createdAt + (i + 1) * MINUTE }));

const asOutcomes = (list: readonly RewardClose[]): ExposureOutcome[] =>
  list.map((c) => ({ variant: c.variant, reward: c.reward, positiveFeedback: false, failed: false, latencyMs: 1, costUsd: 0 }));

describe('rewardTimeline', () => {
  it('ends on the numbers of the status table, at evenly spaced moments since the start', () => {
    const data = [...closes('A', 120, (i) => (i % 4) / 4), ...closes('B', 60, (i) => 0.5 + (i % 3) / 6)].reverse();
    const now = experiment.createdAt + 150 * MINUTE;
    const timeline = rewardTimeline(experiment, data, { now, points: 30 });
    expect(timeline).toMatchObject({ start: experiment.createdAt, end: now });
    const [a, b, c] = timeline.variants;
    expect(a!.points.map((p) => p.at)).toEqual(Array.from({ length: 30 }, (_, i) => experiment.createdAt + (i + 1) * 5 * MINUTE));
    // The first moment (5 minutes in) has 5 rewards of each; counts then grow to the totals.
    expect(a!.points.map((p) => p.count).slice(0, 3)).toEqual([5, 10, 15]);
    expect(b!.points.at(-1)!.count).toBe(60);
    expect(c).toEqual({ name: 'C', points: [] });

    const report = experimentReport(experiment, asOutcomes(data));
    for (const [i, line] of [a!, b!].entries()) {
      const last = line.points.at(-1)!;
      expect(last.mean).toBeCloseTo(report.variants[i]!.reward.mean, 12);
      expect(last.interval!.lower).toBeCloseTo(report.variants[i]!.rewardInterval!.lower, 12);
      expect(last.interval!.upper).toBeCloseTo(report.variants[i]!.rewardInterval!.upper, 12);
    }
  });

  it('gives an interval only from the minimum sample on, and it narrows as rewards accumulate', () => {
    const timeline = rewardTimeline(experiment, closes('A', 300, (i) => (i % 2 ? 1 : -0.5)), { now: experiment.createdAt + 300 * MINUTE, points: 10 });
    const points = timeline.variants[0]!.points;
    // 30 rewards by the first moment: exactly the minimum.
    expect(points[0]).toMatchObject({ count: 30, interval: expect.any(Object) });
    const widths = points.map((p) => p.interval!.upper - p.interval!.lower);
    widths.slice(1).forEach((w, i) => expect(w).toBeLessThan(widths[i]!));
    for (const p of points) {
      expect(p.interval!.lower).toBeLessThan(p.mean);
      expect(p.interval!.upper).toBeGreaterThan(p.mean);
    }

    const early = rewardTimeline(experiment, closes('A', 12, () => 1).map((c, i) => ({ ...c, reward: i % 2 })), { now: experiment.createdAt + 12 * MINUTE, points: 4 });
    expect(early.variants[0]!.points.map((p) => [p.count, p.interval])).toEqual([[3, undefined], [6, undefined], [9, undefined], [12, undefined]]);
  });

  it('runs past a stop until the last reward closed, and ignores variants it does not know', () => {
    const stoppedAt = experiment.createdAt + 10 * MINUTE;
    const stopped = { ...experiment, status: 'stopped' as const, stoppedAt };
    const data = [...closes('B', 12, () => 1), { variant: 'Z', reward: 5, closedAt: stoppedAt }];
    const timeline = rewardTimeline(stopped, data, { now: experiment.createdAt + 99 * MINUTE, points: 3 });
    expect(timeline.end).toBe(experiment.createdAt + 12 * MINUTE);
    expect(timeline.variants.map((v) => v.name)).toEqual(['A', 'B', 'C']);
    expect(timeline.variants[1]!.points.map((p) => [p.at - experiment.createdAt, p.count])).toEqual([[4 * MINUTE, 4], [8 * MINUTE, 8], [12 * MINUTE, 12]]);
  });

  it('has a single moment when no time has passed, and no points without rewards', () => {
    const empty = rewardTimeline(experiment, [], { now: experiment.createdAt });
    expect(empty).toEqual({ start: experiment.createdAt, end: experiment.createdAt, variants: ['A', 'B', 'C'].map((name) => ({ name, points: [] })) });
    const instant = rewardTimeline(experiment, [{ variant: 'A', reward: 0.5, closedAt: experiment.createdAt }], { now: experiment.createdAt });
    expect(instant.variants[0]!.points).toEqual([{ at: experiment.createdAt, count: 1, mean: 0.5 }]);
  });
});
