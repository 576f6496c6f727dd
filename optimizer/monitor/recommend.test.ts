import { describe, expect, it } from 'vitest';
import { formatDuration, formatP, formatReward, formatUtc } from './format.js';
import { MS_PER_DAY, MS_PER_HOUR } from './notation.js';
import { monitorRewards } from './recommend.js';
import { syntheticRewards, TEST_NOW } from './synthetic-rewards.js';

const H = MS_PER_HOUR;
const NOTHING = 'No trend or anomaly: nothing to do.';
const hours = (start: number, length: number, size: number) => (at: number) => (at >= start && at < start + length * H ? size : 0);

describe('monitorRewards', () => {
  it('has nothing to say about a flat noisy series for at least 95 % of seeds', () => {
    let quiet = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const report = monitorRewards(syntheticRewards({ seed, now: TEST_NOW }), TEST_NOW);
      if (report.recommendations.length === 1 && report.recommendations[0] === NOTHING) quiet++;
    }
    expect(quiet).toBeGreaterThanOrEqual(95);
  });

  it('returns the full report shape', () => {
    const rewards = syntheticRewards({ seed: 1, now: TEST_NOW });
    const report = monitorRewards(rewards, TEST_NOW);
    expect(report.now).toBe(TEST_NOW);
    expect(report.rewardCount).toBe(rewards.length);
    expect(report.trend.bucketMs).toBe(12 * H);
    expect(report.trend.buckets.length).toBeGreaterThanOrEqual(28);
    expect(report.trend.buckets.reduce((s, b) => s + b.count, 0)).toBe(rewards.length);
    expect(report.trend.direction).toBe('flat');
    expect(report.anomalies).toEqual([]);
    expect(report.arms.map((a) => a.arm)).toEqual(['a:one', 'b:two', 'c:three']);
    expect(report.recommendations).toEqual([NOTHING]);
  });

  it('recommends the optimizer when the reward is falling', () => {
    const rewards = syntheticRewards({ seed: 21, now: TEST_NOW, shift: (at) => (-0.08 * (at - TEST_NOW)) / MS_PER_DAY });
    const report = monitorRewards(rewards, TEST_NOW);
    expect(report.trend.direction).toBe('falling');
    expect(report.recommendations).toHaveLength(1);
    expect(report.recommendations[0]).toMatch(/^Reward has fallen by 0\.0[6-9] a day over the last 14 days \(p < 0\.001\): consider running the optimizer \(\/optimizer run\)\.$/);
  });

  it('names the dip and its hour', () => {
    const dip = Date.UTC(2026, 10, 20, 14, 0);
    const rewards = syntheticRewards({ seed: 22, now: TEST_NOW, perHour: 40, noise: 0.2, shift: hours(dip, 1, -0.7) });
    const report = monitorRewards(rewards, TEST_NOW);
    expect(report.anomalies.map((a) => a.start)).toEqual([dip]);
    expect(report.recommendations).toHaveLength(1);
    expect(report.recommendations[0]).toMatch(/^Reward dipped sharply at 2026-11-20 14:00 UTC \(mean \u22120\.(3[5-9]|4\d?) against a usual 0\.(29|3|31)\): check provider status and recent errors\.$/);
  });

  it('merges back-to-back dips into one line', () => {
    const dip = Date.UTC(2026, 10, 21, 5, 0);
    const rewards = syntheticRewards({ seed: 23, now: TEST_NOW, perHour: 40, noise: 0.2, shift: hours(dip, 3, -0.7) });
    const report = monitorRewards(rewards, TEST_NOW);
    expect(report.anomalies).toHaveLength(3);
    expect(report.recommendations).toHaveLength(1);
    expect(report.recommendations[0]).toMatch(/^Reward dipped sharply from 2026-11-21 05:00 to 08:00 UTC \(mean \u22120\.(3[5-9]|4\d?) against a usual 0\.(29|3|31)\): check provider status and recent errors\.$/);
  });

  it('names a degrading arm', () => {
    const rewards = syntheticRewards({ seed: 24, now: TEST_NOW, perHour: 60, shift: (at, arm) => (arm === 'b:two' && at >= TEST_NOW - 24 * H ? -0.3 : 0) });
    const report = monitorRewards(rewards, TEST_NOW);
    expect(report.arms.filter((a) => a.status === 'degraded').map((a) => a.arm)).toEqual(['b:two']);
    expect(report.recommendations).toHaveLength(1);
    expect(report.recommendations[0]).toMatch(/^b:two's reward fell from 0\.[23]\d? to \u2212?0(\.\d\d?)? in the last 24 h \(p < 0\.001\): its circuit or prompts may need attention\.$/);
  });

  it('reports good news without asking for anything', () => {
    const jump = Date.UTC(2026, 10, 21, 9, 0);
    const rewards = syntheticRewards({ seed: 25, now: TEST_NOW, perHour: 40, noise: 0.2, shift: (at) => (0.06 * (at - TEST_NOW)) / MS_PER_DAY + hours(jump, 1, 0.8)(at) });
    const report = monitorRewards(rewards, TEST_NOW);
    expect(report.recommendations).toHaveLength(2);
    expect(report.recommendations[0]).toMatch(/^Reward jumped at 2026-11-21 09:00 UTC \(mean 1\.\d\d? against a usual 0\.\d\d?\): nothing to fix, but worth knowing what changed\.$/);
    expect(report.recommendations[1]).toMatch(/^Reward has risen by 0\.0[5-7] a day over the last 14 days \(p < 0\.001\): the router is improving; nothing to do\.$/);
  });

  it('puts the urgent lines first when several things are wrong', () => {
    const dip = Date.UTC(2026, 10, 21, 8, 0);
    const rewards = syntheticRewards({
      seed: 26,
      now: TEST_NOW,
      perHour: 60,
      shift: (at, arm) => (-0.08 * (at - TEST_NOW)) / MS_PER_DAY + hours(dip, 1, -1)(at) + (arm === 'c:three' && at >= TEST_NOW - 24 * H ? -0.25 : 0),
    });
    const lines = monitorRewards(rewards, TEST_NOW).recommendations;
    expect(lines.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual(['Reward dipped sharply', "c:three's reward fell", 'Reward has fallen']);
    // Everything fell with the trend, so the arm's line says how much more it fell than the rest.
    expect(lines[1]).toMatch(/^c:three's reward fell from 0\.\d\d? to \u2212?0(\.\d\d?)? in the last 24 h, 0\.(1\d?|2\d?|3\d?) more than the other arms \(p < 0\.001\): its circuit or prompts may need attention\.$/);
  });

  it('says when there is nothing or too little to judge', () => {
    expect(monitorRewards([], TEST_NOW).recommendations).toEqual(['No rewards in the last 14 days: nothing to check yet.']);
    const few = [0.1, 0.5, 0.3].map((reward, i) => ({ at: TEST_NOW - (i + 1) * H, reward, arm: 'a:one' }));
    expect(monitorRewards(few, TEST_NOW).recommendations).toEqual(['Too few rewards to judge a trend yet (3 over 3 h): nothing to do for now.']);
  });

  it('honours its options', () => {
    const rewards = syntheticRewards({ seed: 27, now: TEST_NOW, shift: (at) => (-0.08 * (at - TEST_NOW)) / MS_PER_DAY });
    const report = monitorRewards(rewards, TEST_NOW, { windowMs: 7 * MS_PER_DAY, trend: { bucketMs: MS_PER_DAY }, optimizerCommand: '/tune' });
    expect(report.trend.bucketMs).toBe(MS_PER_DAY);
    expect(report.trend.buckets).toHaveLength(8); // 7 days not aligned to midnight straddle 8 calendar days
    expect(report.recommendations.find((l) => l.startsWith('Reward has fallen'))).toMatch(/over the last 7 days \(p [=<] 0\.\d+\): consider running the optimizer \(\/tune\)\.$/);
  });

  it('ignores rewards after now', () => {
    const rewards = syntheticRewards({ seed: 28, now: TEST_NOW + 2 * H, shift: hours(TEST_NOW, 2, -2) });
    expect(monitorRewards(rewards, TEST_NOW)).toEqual(monitorRewards(rewards.filter((r) => r.at <= TEST_NOW), TEST_NOW));
  });
});

describe('format', () => {
  it('writes rewards short, with a true minus sign', () => {
    expect(formatReward(0.42)).toBe('0.42');
    expect(formatReward(-0.4)).toBe('\u22120.4');
    expect(formatReward(0.0836)).toBe('0.08');
    expect(formatReward(0.0036)).toBe('0.004');
    expect(formatReward(-0.001)).toBe('\u22120.001');
    expect(formatReward(-0.0001)).toBe('\u22120.0001');
    expect(formatReward(-0.004 + 0.004)).toBe('0');
    expect(formatReward(1.5)).toBe('1.5');
  });

  it('writes p-values to the precision that matters', () => {
    expect(formatP(0.0004)).toBe('< 0.001');
    expect(formatP(0.0031)).toBe('= 0.003');
    expect(formatP(0.042)).toBe('= 0.04');
  });

  it('writes UTC times and durations', () => {
    expect(formatUtc(Date.UTC(2026, 10, 20, 14, 0))).toBe('2026-11-20 14:00 UTC');
    expect(formatDuration(24 * H)).toBe('24 h');
    expect(formatDuration(14 * MS_PER_DAY)).toBe('14 days');
    expect(formatDuration(10 * 60_000)).toBe('1 h');
  });
});
