import { describe, expect, it } from 'vitest';
import type { ExperimentRecord } from './experiment-records.js';
import { decision, feedback, outcome, reward, useTempStore } from './store-fixtures.js';

const temp = useTempStore();

function experiment(id: string, name: string, overrides: Partial<ExperimentRecord> = {}): ExperimentRecord {
  return {
    id, tenant: 'guild-1', name, status: 'running', salt: 's1', createdAt: 1_000, stoppedAt: null, control: 'A',
    variants: [
      { name: 'A', share: 1, policy: { kind: 'bandit' } },
      { name: 'B', share: 1, policy: { kind: 'fixed-arm', arm: 'local:llama' } },
    ],
    ...overrides,
  };
}

describe('SqliteExperiments', () => {
  it('allows at most one running experiment per tenant, and unique names', () => {
    const store = temp.open();
    store.experiments.createExperiment(experiment('e1', 'first'));
    expect(() => store.experiments.createExperiment(experiment('e2', 'second'))).toThrow(/already running/);
    expect(() => store.experiments.createExperiment(experiment('e3', 'first', { status: 'stopped' }))).toThrow(/already exists/);
    // Another tenant is independent.
    store.experiments.createExperiment(experiment('e4', 'second', { tenant: 'guild-2' }));
    expect(store.experiments.endExperiment('e1', 'stopped', 5_000)).toBe(true);
    expect(store.experiments.endExperiment('e1', 'stopped', 6_000)).toBe(false);
    store.experiments.createExperiment(experiment('e2', 'second', { createdAt: 7_000 }));
    expect(store.experiments.runningExperiment('guild-1')?.id).toBe('e2');
    expect(store.experiments.experiments('guild-1').map((e) => [e.name, e.status, e.stoppedAt])).toEqual([
      ['second', 'running', null],
      ['first', 'stopped', 5_000],
    ]);
    // Promoting after a stop keeps the time traffic ended; nothing leaves 'promoted'.
    expect(store.experiments.endExperiment('e1', 'promoted', 8_000)).toBe(true);
    expect(store.experiments.endExperiment('e1', 'stopped', 9_000)).toBe(false);
    expect(store.experiments.experiment('guild-1', 'first')).toMatchObject({ status: 'promoted', stoppedAt: 5_000 });
  });

  it('joins exposures with rewards, feedback and outcomes, and keeps everything across a reopen', () => {
    let store = temp.open();
    store.experiments.createExperiment(experiment('e1', 'first'));
    store.recordDecision(decision('d1', 1, { policyVersion: 'experiment:first/B' }));
    store.recordDecision(decision('d2', 2, { policyVersion: 'experiment:first/A' }));
    store.experiments.recordExposure({ experimentId: 'e1', variant: 'B', decisionId: 'd1' });
    store.experiments.recordExposure({ experimentId: 'e1', variant: 'A', decisionId: 'd2' });
    store.recordOutcome(outcome('d1', 'local:llama', { error: 'timeout', latencyMs: 100, costUsd: 0 }));
    store.recordOutcome(outcome('d1', 'openai:gpt', { latencyMs: 200, costUsd: 0.5, fallback: true }));
    store.recordFeedback(feedback('d1', 'up', 3));
    store.closeReward(reward('d1', 0.75));
    store.experiments.setTenantDefault({
      tenant: 'guild-1', experimentId: 'e1', variant: 'B', policy: { kind: 'fixed-arm', arm: 'local:llama' },
      policyVersion: 'experiment:first/B', updatedAt: 9,
    });
    store.close();

    store = temp.open();
    expect(store.experiments.experiment('guild-1', 'first')?.variants[1]?.policy).toEqual({ kind: 'fixed-arm', arm: 'local:llama' });
    const rows = store.experiments.exposureOutcomes('e1').sort((a, b) => a.variant.localeCompare(b.variant));
    expect(rows).toEqual([
      { variant: 'A', reward: null, positiveFeedback: false, failed: false, latencyMs: null, costUsd: 0 },
      { variant: 'B', reward: 0.75, positiveFeedback: true, failed: true, latencyMs: 300, costUsd: 0.5 },
    ]);
    expect(store.experiments.tenantDefault('guild-1')?.variant).toBe('B');
    expect(store.experiments.tenantDefault('guild-2')).toBeUndefined();
    expect(store.experiments.rewardsForPolicyVersion('experiment:first/B').map((r) => r.decisionId)).toEqual(['d1']);
    expect(store.experiments.rewardsForPolicyVersion('experiment:first/A')).toEqual([]);
  });

  it('lists the closed rewards of exposed requests by close time, leaving out open and unexposed ones', () => {
    const store = temp.open();
    store.experiments.createExperiment(experiment('e1', 'first'));
    const exposed = [['d1', 'B', 0.5, 7_000], ['d2', 'A', -0.25, 3_000], ['d3', 'A', 1, 5_000]] as const;
    for (const [id, variant, value, closedAt] of exposed) {
      store.recordDecision(decision(id, 1, { policyVersion: `experiment:first/${variant}` }));
      store.experiments.recordExposure({ experimentId: 'e1', variant, decisionId: id });
      store.closeReward(reward(id, value, { closedAt }));
    }
    // Exposed but still open, and closed but never exposed: neither is part of the curve.
    store.recordDecision(decision('open', 2, { policyVersion: 'experiment:first/B' }));
    store.experiments.recordExposure({ experimentId: 'e1', variant: 'B', decisionId: 'open' });
    store.recordDecision(decision('outside', 3));
    store.closeReward(reward('outside', 0.9, { closedAt: 4_000 }));

    expect(store.experiments.rewardCloses('e1')).toEqual([
      { variant: 'A', reward: -0.25, closedAt: 3_000 },
      { variant: 'A', reward: 1, closedAt: 5_000 },
      { variant: 'B', reward: 0.5, closedAt: 7_000 },
    ]);
    expect(store.experiments.rewardCloses('nope')).toEqual([]);
  });

  it('promotes atomically: a second promotion changes neither the status nor the default', () => {
    const store = temp.open();
    store.experiments.createExperiment(experiment('e1', 'first'));
    const value = { tenant: 'guild-1', experimentId: 'e1', variant: 'B', policy: { kind: 'fixed-arm', arm: 'local:llama' } as const, policyVersion: 'experiment:first/B', updatedAt: 5 };
    expect(store.experiments.promoteExperiment(value)).toBe(true);
    expect(store.experiments.promoteExperiment({ ...value, variant: 'A', policy: { kind: 'bandit' }, updatedAt: 6 })).toBe(false);
    expect(store.experiments.tenantDefault('guild-1')).toMatchObject({ variant: 'B', updatedAt: 5 });
    expect(store.experiments.experiment('guild-1', 'first')).toMatchObject({ status: 'promoted', stoppedAt: 5 });
  });
});
