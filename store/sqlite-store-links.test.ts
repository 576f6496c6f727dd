import { describe, expect, it } from 'vitest';
import { decision, outcome, reward, useTempStore } from './store-fixtures.js';

const { open, peek } = useTempStore();

describe('message links', () => {
  it('returns undefined for an unknown message, and keys by platform and message id', () => {
    const store = open();
    store.recordDecision(decision('d1', 1));
    store.recordDecision(decision('d2', 2));
    expect(store.decisionForMessage('discord', 'msg-1')).toBeUndefined();
    store.linkMessage('discord', 'msg-1', 'd1');
    store.linkMessage('slack', 'msg-1', 'd2');
    expect(store.decisionForMessage('discord', 'msg-1')).toBe('d1');
    expect(store.decisionForMessage('slack', 'msg-1')).toBe('d2');
    expect(store.decisionForMessage('discord', 'msg-2')).toBeUndefined();
    expect(store.decisionForMessage('telegram', 'msg-1')).toBeUndefined();
  });

  it('is idempotent: linking again stores one row and keeps the first decision', () => {
    const store = open();
    store.recordDecision(decision('d1', 1));
    store.recordDecision(decision('d2', 2));
    store.linkMessage('discord', 'msg-1', 'd1');
    expect(() => store.linkMessage('discord', 'msg-1', 'd1')).not.toThrow();
    // INSERT OR IGNORE: a message answers one decision, the first link wins.
    expect(() => store.linkMessage('discord', 'msg-1', 'd2')).not.toThrow();
    expect(store.decisionForMessage('discord', 'msg-1')).toBe('d1');
    expect(peek('SELECT platform, message_id, decision_id FROM message_links')).toEqual([
      { platform: 'discord', message_id: 'msg-1', decision_id: 'd1' },
    ]);
  });

  it('refuses a link to an unknown decision through the foreign key, storing nothing', () => {
    const store = open();
    expect(() => store.linkMessage('discord', 'msg-1', 'ghost')).toThrow(/FOREIGN KEY constraint failed/);
    expect(store.decisionForMessage('discord', 'msg-1')).toBeUndefined();
    expect(peek<{ n: number }>('SELECT COUNT(*) AS n FROM message_links')).toEqual([{ n: 0 }]);
  });

  it('survives close and reopen', () => {
    const before = open();
    before.recordDecision(decision('d1', 1));
    before.linkMessage('slack', '1700000000.000100', 'd1');
    before.close();
    const after = open();
    expect(after.decisionForMessage('slack', '1700000000.000100')).toBe('d1');
    expect(after.decisionForMessage('discord', '1700000000.000100')).toBeUndefined();
  });
});

describe('armStats', () => {
  const GPT = 'openai:gpt';
  const CLAUDE = 'anthropic:claude';
  const SINCE = 100;

  it('aggregates a tenant\'s routing decisions per arm since a time, every field exact', () => {
    const store = open();
    const tenant = decision('x', 0).tenant;

    // gpt: 4 decisions (g1 exactly at SINCE), g4 without any outcome yet.
    for (const [id, at] of [['g1', 100], ['g2', 110], ['g3', 120], ['g4', 130]] as const) {
      store.recordDecision(decision(id, at, { arm: GPT, propensity: 0.9125 }));
    }
    // claude: 2 decisions.
    store.recordDecision(decision('c1', 105, { arm: CLAUDE }));
    store.recordDecision(decision('c2', 115, { arm: CLAUDE }));

    // Costs are powers of two so the sums are exact whatever the order of addition.
    store.recordOutcome(outcome('g1', GPT, { latencyMs: 900, costUsd: 0.5 }));
    store.recordOutcome(outcome('g2', GPT, { latencyMs: 1000, costUsd: 0.25 }));
    store.recordOutcome(outcome('g3', GPT, { latencyMs: 80, costUsd: 0.125 }));
    store.recordOutcome(outcome('c1', CLAUDE, { latencyMs: 400, costUsd: 0.25 }));
    // c2: claude times out (it still cost something), gpt answers as the fallback.
    store.recordOutcome(outcome('c2', CLAUDE, {
      latencyMs: 30_000, costUsd: 0.03125, error: 'timeout', finishReason: 'error', outputTokens: null,
    }));
    store.recordOutcome(outcome('c2', GPT, { latencyMs: 700, costUsd: 0.0625, fallback: true, createdAt: 1_001 }));

    store.closeReward(reward('g1', 1, { arm: GPT }));
    store.closeReward(reward('g2', 0.5, { arm: GPT }));
    store.closeReward(reward('g3', 0, { arm: GPT })); // a zero reward still counts
    store.closeReward(reward('c1', 1));
    store.closeReward(reward('c2', -0.5));

    // Excluded: made before SINCE (even though its outcome lands after), another tenant, another domain.
    store.recordDecision(decision('early', 99, { arm: GPT }));
    store.recordOutcome(outcome('early', GPT, { latencyMs: 1, costUsd: 8, createdAt: 150 }));
    store.closeReward(reward('early', -1, { arm: GPT }));
    store.recordDecision(decision('other-tenant', 200, { tenant: 'guild-2' }));
    store.recordOutcome(outcome('other-tenant', CLAUDE, { latencyMs: 1, costUsd: 8, error: 'rate_limit' }));
    store.closeReward(reward('other-tenant', -1));
    store.recordDecision(decision('other-tenant-arm', 200, { tenant: 'guild-2', arm: 'local:llama' }));
    store.recordDecision(decision('engagement', 150, { domain: 'engagement', arms: ['terse', 'chatty'], arm: 'terse' }));
    store.closeReward(reward('engagement', 1, { domain: 'engagement', arm: 'terse' }));

    // gpt successes: 900, 1000, 80 and the 700 fallback → sorted [80, 700, 900, 1000], n = 4:
    //   p50 = sorted[floor(0.5·4) = 2] = 900, p95 = sorted[floor(0.95·4) = 3] = 1000.
    //   cost 0.5 + 0.25 + 0.125 + 0.0625; rewards 1, 0.5, 0 over 3 of its 4 decisions → mean 0.5.
    // claude successes: 400 only (the 30 s timeout is an error, not a latency) → p50 = p95 = 400.
    //   cost 0.25 + 0.03125 (the failed attempt counts); rewards 1, -0.5 → mean 0.25.
    // Sorted by decisions, descending: gpt (4) before claude (2), though 'anthropic' sorts first.
    expect(store.armStats(tenant, SINCE)).toEqual([
      {
        arm: GPT, decisions: 4, rewards: 3, meanReward: 0.5,
        latencyP50Ms: 900, latencyP95Ms: 1000, costUsd: 0.9375, errors: 0,
      },
      {
        arm: CLAUDE, decisions: 2, rewards: 2, meanReward: 0.25,
        latencyP50Ms: 400, latencyP95Ms: 400, costUsd: 0.28125, errors: 1,
      },
    ]);

    // One step later g1 (the only decision at exactly 100) drops out with its 900 ms, 0.5 USD and reward 1:
    // successes [80, 700, 1000], n = 3 → p50 = sorted[floor(1.5) = 1] = 700, p95 = sorted[floor(2.85) = 2] = 1000.
    const later = store.armStats(tenant, SINCE + 1);
    expect(later.find((s) => s.arm === GPT)).toEqual({
      arm: GPT, decisions: 3, rewards: 2, meanReward: 0.25,
      latencyP50Ms: 700, latencyP95Ms: 1000, costUsd: 0.4375, errors: 0,
    });
    expect(store.armStats(tenant, 1_000)).toEqual([]);
    expect(store.armStats('nobody', 0)).toEqual([]);
  });

  it('takes latency percentiles by nearest rank on the sorted successes', () => {
    const store = open();
    store.recordDecision(decision('d1', 1));
    // 21 latencies 10, 20, ..., 210, recorded out of order: p50 = sorted[floor(10.5)] = 110,
    // p95 = sorted[floor(19.95)] = 200 (not the maximum).
    const latencies = Array.from({ length: 21 }, (_, i) => ((i * 8) % 21 + 1) * 10);
    expect([...latencies].sort((a, b) => a - b)).toEqual(Array.from({ length: 21 }, (_, i) => (i + 1) * 10));
    for (const latencyMs of latencies) store.recordOutcome(outcome('d1', CLAUDE, { latencyMs, costUsd: 0.5 }));
    store.recordOutcome(outcome('d1', CLAUDE, { latencyMs: 99_999, costUsd: 0.5, error: 'overloaded' }));
    expect(store.armStats(decision('x', 0).tenant, 0)).toEqual([{
      arm: CLAUDE, decisions: 1, rewards: 0, meanReward: null,
      latencyP50Ms: 110, latencyP95Ms: 200, costUsd: 11, errors: 1,
    }]);
  });

  it('lists an arm that only answered as a fallback, and breaks ties by arm name', () => {
    const store = open();
    store.recordDecision(decision('b', 1, { arm: 'b-arm' }));
    store.recordDecision(decision('a', 2, { arm: 'a-arm' }));
    store.recordOutcome(outcome('b', 'b-arm', { latencyMs: 50, costUsd: 0, error: 'server', finishReason: 'error' }));
    store.recordOutcome(outcome('b', 'c-arm', { latencyMs: 300, costUsd: 0.25, fallback: true }));
    expect(store.armStats(decision('x', 0).tenant, 0)).toEqual([
      { arm: 'a-arm', decisions: 1, rewards: 0, meanReward: null, latencyP50Ms: null, latencyP95Ms: null, costUsd: 0, errors: 0 },
      { arm: 'b-arm', decisions: 1, rewards: 0, meanReward: null, latencyP50Ms: null, latencyP95Ms: null, costUsd: 0, errors: 1 },
      { arm: 'c-arm', decisions: 0, rewards: 0, meanReward: null, latencyP50Ms: 300, latencyP95Ms: 300, costUsd: 0.25, errors: 0 },
    ]);
  });
});
