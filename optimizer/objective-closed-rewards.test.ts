import { describe, expect, it } from 'vitest';
import type { ClosedReward } from '../store/records.js';
import { logsFromClosedRewards } from './objective-closed-rewards.js';
import { PRODUCTION_BANDIT } from './objective-fixtures.js';
import { routerObjective } from './objective.js';

function closed(seq: number, arm: string, extra: Partial<ClosedReward> = {}): ClosedReward {
  return {
    seq, decisionId: `d${seq}`, domain: 'routing', arm, reward: 0.5,
    components: { feedback: 1, latency: -0.3, cost: -0.2 }, closedAt: 1000 + seq,
    features: [1, seq % 3, 0], propensity: 0.5, arms: ['fast', 'smart'], ...extra,
  };
}

describe('logsFromClosedRewards', () => {
  it('orders by seq, indexes arms by name in the newest arm list, and recovers USD costs', () => {
    const rewards = [
      closed(3, 'smart', { arms: ['smart', 'fast'] }),
      closed(1, 'fast'),
      closed(2, 'smart', { reward: -1, propensity: 0.25 }),
    ];
    const log = logsFromClosedRewards(rewards, { costWeight: 20 });
    expect(log.arms).toEqual(['smart', 'fast']);
    expect(log.rows.map((r) => r.arm)).toEqual([1, 0, 0]);
    expect(log.rows.map((r) => r.x[1])).toEqual([1, 2, 0]);
    expect(log.rows[1]).toMatchObject({ reward: -1, propensity: 0.25 });
    expect(log.rows[0]!.cost).toBeCloseTo(0.01, 12);
    expect(logsFromClosedRewards(rewards).rows[0]!.cost).toBeUndefined();
  });

  it('skips what the policy never learned or cannot use, and says why', () => {
    const rewards = [
      closed(1, 'fast'),
      closed(2, 'fast', { components: { missingOutcome: 1 } }),
      closed(3, 'retired'),
      closed(4, 'smart', { features: [1, 0] }),
      closed(5, 'smart', { propensity: 0 }),
      closed(6, 'smart', { domain: 'analysis' }),
      closed(7, 'smart'),
    ];
    const log = logsFromClosedRewards(rewards, { domain: 'routing', arms: ['fast', 'smart'], dimensions: 3 });
    expect(log.rows.map((r) => r.arm)).toEqual([0, 1]);
    expect(log.skipped).toEqual({ otherDomain: 1, unknownArm: 1, otherWidth: 1, notLearned: 1, badPropensity: 1 });
  });

  it('joins the logging distributions, reordered to the policy’s arms', () => {
    const rewards = [closed(1, 'fast', { arms: ['smart', 'fast', 'retired'] }), closed(2, 'smart')];
    const distributions: Record<string, number[]> = { d1: [0.3, 0.5, 0.2], d2: [0.5, 0.5] };
    const log = logsFromClosedRewards(rewards, { loggingProbabilities: (r) => distributions[r.decisionId] });
    expect(log.arms).toEqual(['fast', 'smart']);
    expect(log.rows.map((r) => r.probabilities)).toEqual([[0.5, 0.3], [0.5, 0.5]]);
  });

  it('feeds the objective directly', () => {
    const rewards = Array.from({ length: 60 }, (_, i) => closed(i + 1, i % 2 ? 'smart' : 'fast', { reward: i % 2 ? 1 : 0 }));
    const log = logsFromClosedRewards(rewards, { costWeight: 20 });
    const estimate = routerObjective(log.rows, {}, { bandit: PRODUCTION_BANDIT });
    expect(estimate.n).toBe(60);
    expect(estimate.value).toBeGreaterThan(0.5);
    expect(estimate.cost!.value).toBeCloseTo(0.01, 9);
  });
});
