import { describe, expect, it } from 'vitest';
import type { DeploymentRecord, OptimizerRunRecord } from './optimizer-records.js';
import { decision, reward, useTempStore } from './store-fixtures.js';

const temp = useTempStore();

function run(id: string, overrides: Partial<OptimizerRunRecord> = {}): OptimizerRunRecord {
  return {
    id, tenant: 'g1', trigger: 'manual', status: 'running', startedAt: 10, finishedAt: null, logs: 0, trials: [], best: null,
    bestEstimate: null, currentEstimate: null, gain: null, reason: null, deploymentId: null, ...overrides,
  };
}

function deployment(id: string, experimentId: string, overrides: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return {
    id, runId: 'r1', tenant: 'g1', experimentId, experimentName: `optimizer-${id}`, params: { epsilon: 0.1 }, share: 0.1,
    status: 'canary', createdAt: 20, endedAt: null, reason: null, ...overrides,
  };
}

function experiment(store: ReturnType<typeof temp.open>, id: string, name = id) {
  store.experiments.createExperiment({
    id, tenant: 'g1', name, status: 'stopped', salt: 's', createdAt: 1, stoppedAt: 2, control: 'A',
    variants: [{ name: 'A', share: 0.9, policy: { kind: 'bandit' } }, { name: 'B', share: 0.1, policy: { kind: 'bandit', overrides: { epsilon: 0.1 } } }],
  });
}

describe('optimizer store', () => {
  it('reads a tenant\'s closed routing rewards oldest first, keeping the newest `limit`', () => {
    const store = temp.open();
    for (let i = 0; i < 5; i++) {
      store.recordDecision(decision(`d${i}`, i, { tenant: i === 2 ? 'g2' : 'g1' }));
      store.closeReward(reward(`d${i}`, i / 10, { closedAt: 100 + i }));
    }
    expect(store.optimizer.routingLogs('g1', 0, 10).map((l) => [l.decisionId, l.reward])).toEqual([['d0', 0], ['d1', 0.1], ['d3', 0.3], ['d4', 0.4]]);
    expect(store.optimizer.routingLogs('g1', 0, 2).map((l) => l.decisionId)).toEqual(['d3', 'd4']);
    expect(store.optimizer.routingLogs('g1', 101, 10).map((l) => l.decisionId)).toEqual(['d3', 'd4']);
    expect(store.optimizer.routingLogs('g1', 0, 1)[0]).toMatchObject({ features: decision('x', 0).features, propensity: 0.0375, arms: decision('x', 0).arms });
    expect(store.optimizer.countRewards('g1', 100)).toBe(3);
    expect(store.optimizer.activeTenants(0)).toEqual(['g1', 'g2']);
  });

  it('stores runs and fails the ones a crash left running', () => {
    const store = temp.open();
    store.optimizer.createRun(run('r1'));
    store.optimizer.updateRun(run('r1', { status: 'not-deployed', finishedAt: 30, logs: 500, gain: { value: 0.01, lower: -0.02, upper: 0.04 }, reason: 'lower bound below zero' }));
    store.optimizer.createRun(run('r2', { startedAt: 40 }));
    expect(store.optimizer.recentRuns('g1', 5).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(store.optimizer.run('r1')).toMatchObject({ status: 'not-deployed', gain: { lower: -0.02 }, logs: 500 });
    expect(store.optimizer.failInterruptedRuns(50)).toBe(1);
    expect(store.optimizer.run('r2')).toMatchObject({ status: 'failed', finishedAt: 50, reason: expect.stringMatching(/interrupted/) });
  });

  it('keeps one canary per tenant and ends a canary once', () => {
    const store = temp.open();
    store.optimizer.createRun(run('r1'));
    experiment(store, 'e1');
    experiment(store, 'e2');
    store.optimizer.createDeployment(deployment('c1', 'e1'));
    expect(() => store.optimizer.createDeployment(deployment('c2', 'e2'))).toThrow(/UNIQUE/);
    expect(store.optimizer.canaries().map((d) => d.id)).toEqual(['c1']);
    expect(store.optimizer.endDeployment('c1', 'rolled-back', 60, 'canary 20 % below control')).toBe(true);
    expect(store.optimizer.endDeployment('c1', 'promoted', 61, 'again')).toBe(false);
    expect(store.optimizer.deployment('c1')).toMatchObject({ status: 'rolled-back', endedAt: 60, reason: 'canary 20 % below control', params: { epsilon: 0.1 } });
    store.optimizer.createDeployment(deployment('c2', 'e2', { createdAt: 70 }));
    expect(store.optimizer.recentDeployments('g1', 5).map((d) => d.id)).toEqual(['c2', 'c1']);
  });

  it('lets one holder at a time take the lock, until its lease expires', () => {
    const store = temp.open();
    expect(store.optimizer.acquireLock('optimizer', 'p1', 0, 100)).toBe(true);
    expect(store.optimizer.acquireLock('optimizer', 'p2', 50, 150)).toBe(false);
    expect(store.optimizer.acquireLock('optimizer', 'p1', 60, 160)).toBe(true);
    expect(store.optimizer.acquireLock('optimizer', 'p2', 159, 259)).toBe(false);
    expect(store.optimizer.acquireLock('optimizer', 'p2', 160, 260)).toBe(true);
    store.optimizer.releaseLock('optimizer', 'p1');
    expect(store.optimizer.acquireLock('optimizer', 'p1', 161, 261)).toBe(false);
    store.optimizer.releaseLock('optimizer', 'p2');
    expect(store.optimizer.acquireLock('optimizer', 'p1', 162, 262)).toBe(true);
  });

  it('writes all of a transaction or nothing', () => {
    const store = temp.open();
    store.optimizer.createRun(run('r1'));
    expect(() => store.transaction(() => {
      experiment(store, 'e1');
      store.optimizer.createDeployment(deployment('c1', 'e1'));
      throw new Error('crash between the two writes');
    })).toThrow(/crash/);
    expect(store.experiments.experiments('g1')).toEqual([]);
    expect(store.optimizer.canaries()).toEqual([]);
  });
});
