import { describe, expect, it } from 'vitest';
import { armDrops, bucketAnomalies } from './anomaly.js';
import { bucketSeries } from './bucket-series.js';
import { MS_PER_DAY, MS_PER_HOUR, type BucketStat, type RewardPoint } from './notation.js';
import { studentTUpperTail } from './student-t.js';
import { syntheticRewards, TEST_NOW } from './synthetic-rewards.js';

const H = MS_PER_HOUR;
const RECENT_FROM = TEST_NOW - 24 * H;
/** 05:00–06:00 UTC on the test day, inside the last 24 hours. */
const DIP_START = TEST_NOW - 7 * H;

const hourly = (rewards: RewardPoint[]) => bucketSeries(rewards, { from: RECENT_FROM - 24 * H, to: TEST_NOW + 1, bucketMs: H }).buckets;
const inHour = (start: number, size: number) => (at: number) => (at >= start && at < start + H ? size : 0);

describe('bucketAnomalies', () => {
  it('flags nothing in a flat noisy series for at least 95 % of seeds', () => {
    let clean = 0;
    for (let seed = 1; seed <= 100; seed++) if (bucketAnomalies(hourly(syntheticRewards({ seed, now: TEST_NOW, days: 3 })), RECENT_FROM).length === 0) clean++;
    expect(clean).toBeGreaterThanOrEqual(95);
  });

  it('flags an injected drop at the right bucket', () => {
    // 40 rewards an hour: a 0.7 drop is then some 8 standard errors, not a coin toss against the 3.5 cut-off.
    for (let seed = 1; seed <= 10; seed++) {
      const rewards = syntheticRewards({ seed, now: TEST_NOW, days: 3, perHour: 40, shift: inHour(DIP_START, -0.7) });
      const found = bucketAnomalies(hourly(rewards), RECENT_FROM);
      const dip = found.find((a) => a.start === DIP_START);
      expect(dip, `seed ${seed}`).toBeDefined();
      expect(dip!.direction).toBe('drop');
      expect(dip!.z).toBeLessThan(-3.5);
      expect(dip!.baseline).toBeCloseTo(0.3, 1);
      expect(dip!.mean).toBeCloseTo(-0.4, 0);
    }
    const one = bucketAnomalies(hourly(syntheticRewards({ seed: 3, now: TEST_NOW, days: 3, perHour: 40, shift: inHour(DIP_START, -0.7) })), RECENT_FROM);
    expect(one.map((a) => new Date(a.start).toISOString())).toEqual(['2026-11-21T05:00:00.000Z']);
  });

  it('calls a jump a spike', () => {
    const rewards = syntheticRewards({ seed: 4, now: TEST_NOW, days: 3, shift: inHour(DIP_START, 0.7) });
    expect(bucketAnomalies(hourly(rewards), RECENT_FROM).map((a) => [a.start, a.direction])).toEqual([[DIP_START, 'spike']]);
  });

  it('judges only buckets after recentFrom', () => {
    const early = RECENT_FROM - 3 * H;
    const rewards = syntheticRewards({ seed: 5, now: TEST_NOW, days: 3, shift: inHour(early, -0.7) });
    const buckets = hourly(rewards);
    expect(bucketAnomalies(buckets, RECENT_FROM)).toEqual([]);
    expect(bucketAnomalies(buckets, early).map((a) => a.start)).toEqual([early]);
  });

  const constant = (means: number[], count = 10): BucketStat[] =>
    means.map((mean, i) => ({ start: i * H, end: (i + 1) * H, mean, count, stdError: 0 }));

  it('needs enough rewards in the bucket and enough trailing buckets', () => {
    const buckets = constant([...new Array(12).fill(0.3), -1]);
    expect(bucketAnomalies(buckets, 0).map((a) => a.start)).toEqual([12 * H]);
    buckets[12]!.count = 4;
    expect(bucketAnomalies(buckets, 0)).toEqual([]);
    expect(bucketAnomalies(constant([...new Array(7).fill(0.3), -1]), 0)).toEqual([]);
  });

  it('copes with constant rewards: any change is flagged, no change is not', () => {
    expect(bucketAnomalies(constant(new Array(20).fill(1)), 0)).toEqual([]);
    expect(bucketAnomalies(constant([...new Array(19).fill(1), 0.9]), 0)).toHaveLength(1);
  });

  it('uses the pooled noise of a sparse bucket so that a few rewards do not raise an alarm', () => {
    // 24 trailing buckets of 100 rewards with means 0.3 ± 0.05 (σ = 0.5 per reward), then one of 5 rewards at 0.0:
    // against the spread of busy buckets that is z ≈ −6, but a mean of 5 rewards wobbles by 0.5/√5 ≈ 0.22.
    const buckets: BucketStat[] = Array.from({ length: 24 }, (_, i) => ({ start: i * H, end: (i + 1) * H, mean: 0.3 + 0.05 * Math.sin(i), count: 100, stdError: 0.05 }));
    buckets.push({ start: 24 * H, end: 25 * H, mean: 0, count: 5, stdError: 0.05 });
    expect(bucketAnomalies(buckets, 0)).toEqual([]);
  });
});

describe('armDrops', () => {
  const windows = { from: TEST_NOW - 14 * MS_PER_DAY, recentFrom: RECENT_FROM, now: TEST_NOW };

  it('reports the arm whose reward dropped in the last day, and only it', () => {
    const rewards = syntheticRewards({ seed: 11, now: TEST_NOW, shift: (at, arm) => (arm === 'b:two' && at >= RECENT_FROM ? -0.3 : 0) });
    const arms = armDrops(rewards, windows);
    expect(arms.map((a) => [a.arm, a.status])).toEqual([
      ['a:one', 'ok'],
      ['b:two', 'degraded'],
      ['c:three', 'ok'],
    ]);
    const b = arms[1]!;
    expect(b.historyMean).toBeCloseTo(0.3, 1);
    expect(b.recentMean).toBeCloseTo(0, 1);
    expect(b.change).toBeCloseTo(-0.3, 1);
    expect(b.pValue).toBeLessThan(0.001);
    expect(b.recentCount + b.historyCount).toBe(rewards.filter((r) => r.arm === 'b:two').length);
  });

  it('reports no arm in a flat series for at least 95 % of seeds', () => {
    let clean = 0;
    for (let seed = 1; seed <= 100; seed++) if (armDrops(syntheticRewards({ seed, now: TEST_NOW }), windows).every((a) => a.status === 'ok')) clean++;
    expect(clean).toBeGreaterThanOrEqual(95);
  });

  it('applies Bonferroni over the tested arms to a difference in differences', () => {
    const rewards = syntheticRewards({ seed: 12, now: TEST_NOW, shift: (at, arm) => (arm === 'c:three' && at >= RECENT_FROM ? -0.05 : 0) });
    const arms = armDrops(rewards, windows);
    const stats = (rs: RewardPoint[]) => {
      const xs = rs.map((r) => r.reward);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      return { count: xs.length, mean, variance: xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1) };
    };
    const [ch, cr, oh, or] = [
      stats(rewards.filter((r) => r.arm === 'c:three' && r.at < RECENT_FROM)),
      stats(rewards.filter((r) => r.arm === 'c:three' && r.at >= RECENT_FROM)),
      stats(rewards.filter((r) => r.arm !== 'c:three' && r.at < RECENT_FROM)),
      stats(rewards.filter((r) => r.arm !== 'c:three' && r.at >= RECENT_FROM)),
    ];
    const excess = cr.mean - ch.mean - (or.mean - oh.mean);
    // Welch–Satterthwaite for four independent means, written out.
    const v = [ch, cr, oh, or].map((s) => s.variance / s.count);
    const se = Math.sqrt(v.reduce((a, b) => a + b, 0));
    const df = v.reduce((a, b) => a + b, 0) ** 2 / [ch, cr, oh, or].reduce((a, s, i) => a + v[i]! ** 2 / (s.count - 1), 0);
    const c = arms[2]!;
    expect(c.excessChange).toBeCloseTo(excess, 12);
    expect(c.othersChange).toBeCloseTo(or.mean - oh.mean, 12);
    expect(c.pValue).toBeCloseTo(Math.min(1, 3 * studentTUpperTail(-excess / se, df)), 12);
  });

  it('does not blame the arms when all of them fall together', () => {
    const rewards = syntheticRewards({ seed: 15, now: TEST_NOW, shift: (at) => (at >= RECENT_FROM ? -0.5 : 0) });
    const arms = armDrops(rewards, windows);
    for (const a of arms) {
      expect(a.change).toBeLessThan(-0.3);
      expect(a.status).toBe('ok');
    }
  });

  it("falls back to the arm's own change when it is the only arm", () => {
    const rewards = syntheticRewards({ seed: 16, now: TEST_NOW, arms: ['solo:arm'], shift: (at) => (at >= RECENT_FROM ? -0.3 : 0) });
    const [solo] = armDrops(rewards, windows);
    expect(solo!.othersChange).toBeNaN();
    expect(solo!.excessChange).toBe(solo!.change);
    expect(solo!.status).toBe('degraded');
  });

  it('does not call a significant but small drop a degradation', () => {
    const rewards = syntheticRewards({ seed: 13, now: TEST_NOW, perHour: 400, shift: (at, arm) => (arm === 'a:one' && at >= RECENT_FROM ? -0.06 : 0) });
    const a = armDrops(rewards, windows)[0]!;
    expect(a.pValue).toBeLessThan(0.01);
    expect(a.status).toBe('ok');
  });

  it('leaves arms with too few rewards untested, without counting them in Bonferroni', () => {
    const rewards: RewardPoint[] = [
      ...syntheticRewards({ seed: 14, now: TEST_NOW, arms: ['a:one'] }),
      { at: TEST_NOW - H, reward: -2, arm: 'z:rare' },
      { at: TEST_NOW - 3 * MS_PER_DAY, reward: 0.3, arm: 'z:rare' },
    ];
    const [a, z] = armDrops(rewards, windows);
    expect(z).toMatchObject({ arm: 'z:rare', status: 'too-few', recentCount: 1, historyCount: 1 });
    expect(z!.pValue).toBeNaN();
    expect(a!.status).toBe('ok');
    expect(a!.pValue).toBeGreaterThan(0);
  });

  it('ignores rewards outside the window', () => {
    const arms = armDrops([{ at: TEST_NOW + 1, reward: 1, arm: 'x' }, { at: windows.from - 1, reward: 1, arm: 'x' }], windows);
    expect(arms).toEqual([]);
  });
});
