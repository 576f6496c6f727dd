import { describe, expect, it } from 'vitest';
import { decision, feedback, outcome, reward, useTempStore } from './store-fixtures.js';

const { open, peek } = useTempStore();

describe('decisions', () => {
  it('round-trips every field exactly, JSON columns included', () => {
    const store = open();
    const original = decision('d1', 1_700_000_000_123, {
      scores: [-0.1, Number.NEGATIVE_INFINITY, 2.5e-12, -0],
      features: [Number.NaN, 0.0375, -1e308, Number.POSITIVE_INFINITY, 0.1 + 0.2],
      arms: ['a "quoted" arm', 'ünïcode', 'NaN'],
    });
    store.recordDecision(original);
    const back = store.decision('d1');
    expect(back).toEqual(original);
    expect(back?.features[4]).toBe(0.30000000000000004);
    expect(back?.scores[1]).toBe(Number.NEGATIVE_INFINITY);
    expect(back?.arms[2]).toBe('NaN');
  });

  it('returns undefined for an unknown id and refuses a duplicate id', () => {
    const store = open();
    expect(store.decision('nope')).toBeUndefined();
    store.recordDecision(decision('d1', 1));
    expect(() => store.recordDecision(decision('d1', 2))).toThrow('duplicate decision id d1');
    expect(store.decision('d1')?.createdAt).toBe(1);
  });

  it('stores many decisions, each one on its own', () => {
    const store = open();
    for (let i = 0; i < 5_000; i += 1) store.recordDecision(decision(`hot-${i}`, i));
    expect(peek<{ n: number }>('SELECT COUNT(*) AS n FROM decisions')).toEqual([{ n: 5_000 }]);
    expect(store.decision('hot-4999')?.createdAt).toBe(4_999);
  });
});

describe('outcomes and feedback', () => {
  it('refuses an outcome for an unknown decision and stores nothing', () => {
    const store = open();
    expect(() => store.recordOutcome(outcome('ghost', 'x'))).toThrow('recordOutcome: unknown decision ghost');
    expect(peek<{ n: number }>('SELECT COUNT(*) AS n FROM outcomes')).toEqual([{ n: 0 }]);
  });

  it('returns false for feedback on an unknown decision and stores nothing', () => {
    const store = open();
    store.recordDecision(decision('d1', 1));
    expect(store.recordFeedback(feedback('ghost', 'up', 5))).toBe(false);
    expect(peek<{ n: number }>('SELECT COUNT(*) AS n FROM feedback')).toEqual([{ n: 0 }]);
    expect(store.recordFeedback(feedback('d1', 'up', 5))).toBe(true);
    expect(peek<{ decision_id: string }>('SELECT decision_id FROM feedback')).toEqual([{ decision_id: 'd1' }]);
  });
});

describe('rewards', () => {
  it('returns increasing seqs, null on a second close, and keeps the first reward', () => {
    const store = open();
    store.recordDecision(decision('d1', 1));
    store.recordDecision(decision('d2', 2));
    expect(store.closeReward(reward('d1', 0.75))).toBe(1);
    expect(store.closeReward(reward('d1', -1))).toBeNull();
    expect(store.closeReward(reward('d2', 0.25))).toBe(2);
    expect(store.rewardsSince('routing', 0).map((r) => [r.decisionId, r.reward])).toEqual([['d1', 0.75], ['d2', 0.25]]);
  });

  it('throws for an unknown decision and stores nothing', () => {
    const store = open();
    expect(() => store.closeReward(reward('ghost', 1))).toThrow('closeReward: unknown decision ghost');
    expect(peek<{ n: number }>('SELECT COUNT(*) AS n FROM rewards')).toEqual([{ n: 0 }]);
  });

  it('lists a domain after a seq, in seq order, joined with the decision', () => {
    const store = open();
    store.recordDecision(decision('r1', 1, { features: [0.5, -2], propensity: 0.6, arms: ['a', 'b'] }));
    store.recordDecision(decision('r2', 2, { features: [0.0375], propensity: 0.0375 }));
    store.recordDecision(decision('e1', 3, { domain: 'engagement', arms: ['terse', 'chatty'] }));
    store.recordDecision(decision('r3', 4, { features: [-1] }));
    // Closed out of creation order: seq order, not decision order, is what replay needs.
    expect(store.closeReward(reward('r2', 0.1))).toBe(1);
    expect(store.closeReward(reward('e1', 0.9, { domain: 'engagement', arm: 'terse' }))).toBe(2);
    expect(store.closeReward(reward('r1', -0.5, { arm: 'a', components: { feedback: -0.5, speed: 1e-9 } }))).toBe(3);
    expect(store.closeReward(reward('r3', 0.3))).toBe(4);

    const all = store.rewardsSince('routing', 0);
    expect(all.map((r) => r.seq)).toEqual([1, 3, 4]);
    expect(all[1]).toEqual({
      seq: 3, decisionId: 'r1', domain: 'routing', arm: 'a', reward: -0.5,
      components: { feedback: -0.5, speed: 1e-9 }, closedAt: 9_000,
      features: [0.5, -2], propensity: 0.6, arms: ['a', 'b'],
    });
    expect(all[0]?.propensity).toBe(0.0375);
    expect(store.rewardsSince('routing', 3).map((r) => r.decisionId)).toEqual(['r3']);
    expect(store.rewardsSince('routing', 4)).toEqual([]);
    expect(store.rewardsSince('engagement', 0).map((r) => [r.seq, r.arms])).toEqual([[2, ['terse', 'chatty']]]);
    expect(store.rewardsSince('analysis', 0)).toEqual([]);
  });

  it('round-trips non-finite reward components', () => {
    const store = open();
    store.recordDecision(decision('d1', 1));
    store.closeReward(reward('d1', 0, { components: { latency: Number.NEGATIVE_INFINITY, odd: Number.NaN } }));
    expect(store.rewardsSince('routing', 0)[0]?.components).toEqual({ latency: Number.NEGATIVE_INFINITY, odd: Number.NaN });
  });
});

describe('pendingDecisions', () => {
  it('returns unrewarded decisions up to createdBefore, oldest first, with outcomes and feedback', () => {
    const store = open();
    store.recordDecision(decision('late', 300));
    store.recordDecision(decision('tie-a', 100));
    store.recordDecision(decision('early', 50));
    store.recordDecision(decision('tie-b', 100));
    store.recordDecision(decision('closed', 10));
    store.recordDecision(decision('future', 301));
    store.closeReward(reward('closed', 1));

    const failed = outcome('tie-a', 'anthropic:claude', { error: 'timeout', finishReason: 'error', inputTokens: null, outputTokens: null, costUsd: 0 });
    const rescued = outcome('tie-a', 'openai:gpt', { fallback: true, latencyMs: 1234.25, createdAt: 1_001 });
    store.recordOutcome(failed);
    store.recordOutcome(rescued);
    store.recordFeedback(feedback('tie-a', 'down', 400));
    store.recordFeedback(feedback('tie-a', 'regenerate', 401));
    store.recordFeedback(feedback('closed', 'up', 402));

    const pending = store.pendingDecisions(300);
    expect(pending.map((p) => p.decision.id)).toEqual(['early', 'tie-a', 'tie-b', 'late']);
    const tieA = pending[1];
    expect(tieA?.decision).toEqual(decision('tie-a', 100));
    expect(tieA?.outcomes).toEqual([failed, rescued]);
    expect(tieA?.feedback.map((f) => f.kind)).toEqual(['down', 'regenerate']);
    expect(pending[0]).toEqual({ decision: decision('early', 50), outcomes: [], feedback: [] });

    expect(store.pendingDecisions(99).map((p) => p.decision.id)).toEqual(['early']);
    expect(store.pendingDecisions(9)).toEqual([]);
    expect(store.pendingDecisions(1_000, 2).map((p) => p.decision.id)).toEqual(['early', 'tie-a']);
    expect(store.pendingCount('routing')).toBe(5);
    // Both of tie-a's attempts cost something; decisions before `since` do not count.
    expect(store.tenantSpend(decision('x', 0).tenant, 100)).toBeCloseTo(failed.costUsd + rescued.costUsd, 12);
    expect(store.tenantSpend(decision('x', 0).tenant, 101)).toBe(0);
    expect(store.tenantSpend('someone-else', 0)).toBe(0);
    expect(store.pendingCount('analysis')).toBe(0);
  });

  it('drops a decision once its reward closes', () => {
    const store = open();
    store.recordDecision(decision('d1', 1));
    store.recordDecision(decision('d2', 2));
    store.closeReward(reward('d1', 0.5));
    expect(store.pendingDecisions(10).map((p) => p.decision.id)).toEqual(['d2']);
  });

  it('defaults to at most 1000 rows', () => {
    const store = open();
    for (let i = 0; i < 1_005; i += 1) store.recordDecision(decision(`p${i}`, i));
    const pending = store.pendingDecisions(10_000);
    expect(pending).toHaveLength(1_000);
    expect(pending[999]?.decision.id).toBe('p999');
  });

  it('reads through the partial pending index rather than every decision', () => {
    open().close();
    const plan = peek<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT id FROM decisions AS d WHERE pending = 1 AND created_at <= 5
       AND NOT EXISTS (SELECT 1 FROM rewards AS r WHERE r.decision_id = d.id) ORDER BY created_at, rowid LIMIT 10`,
    );
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX decisions_pending/);
  });
});

describe('policy snapshots', () => {
  it('returns the newest snapshot per domain', () => {
    const store = open();
    expect(store.latestSnapshot('routing')).toBeUndefined();
    store.saveSnapshot({ domain: 'routing', lastRewardSeq: 3, state: { a: [0.0375, -1] }, createdAt: 10 });
    store.saveSnapshot({ domain: 'engagement', lastRewardSeq: 4, state: 'other', createdAt: 11 });
    store.saveSnapshot({ domain: 'routing', lastRewardSeq: 7, state: { a: [1, 2], nested: { b: null } }, createdAt: 12 });
    expect(store.latestSnapshot('routing')).toEqual({
      domain: 'routing', lastRewardSeq: 7, state: { a: [1, 2], nested: { b: null } }, createdAt: 12,
    });
    expect(store.latestSnapshot('engagement')?.state).toBe('other');
    expect(store.latestSnapshot('analysis')).toBeUndefined();
  });

  it('keeps only the two newest snapshots of a domain, whatever the others hold', () => {
    const store = open();
    for (let seq = 1; seq <= 5; seq++) store.saveSnapshot({ domain: 'routing', lastRewardSeq: seq, state: { seq }, createdAt: seq });
    store.saveSnapshot({ domain: 'engagement', lastRewardSeq: 1, state: 'kept', createdAt: 9 });
    expect(peek<{ domain: string; last_reward_seq: number }>('SELECT domain, last_reward_seq FROM policy_snapshots ORDER BY id'))
      .toEqual([{ domain: 'routing', last_reward_seq: 4 }, { domain: 'routing', last_reward_seq: 5 }, { domain: 'engagement', last_reward_seq: 1 }]);
    expect(store.latestSnapshot('routing')?.state).toEqual({ seq: 5 });
  });

  it('refuses a state JSON cannot hold', () => {
    const store = open();
    expect(() => store.saveSnapshot({ domain: 'routing', lastRewardSeq: 0, state: undefined, createdAt: 1 })).toThrow(/JSON-serializable/);
  });
});
