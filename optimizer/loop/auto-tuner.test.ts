import { afterEach, describe, expect, it } from 'vitest';
import { Sfc32, gaussian } from '../../bandits/rng.js';
import { ExperimentEngine } from '../../experiments/engine.js';
import { decision, reward, useTempStore } from '../../store/store-fixtures.js';
import type { SqliteStore } from '../../store/sqlite-store.js';
import { createLogger, createMetrics } from '../../telemetry/index.js';
import { AutoTuner, type AutoTunerSettings } from './auto-tuner.js';
import type { TuneInput, TuneOutcome, Tuner } from './tune-types.js';

const temp = useTempStore();
const HOUR = 3_600_000;
const SETTINGS: AutoTunerSettings = {
  enabled: true, intervalMs: 24 * HOUR, afterRewards: 1000, minRewards: 50, maxLogs: 10_000, trials: 5,
  canaryShare: 0.1, confidence: 0.9, tolerance: 0.15, minSamples: 100, maxAgeMs: 7 * 24 * HOUR,
};

let time = Date.UTC(2026, 10, 1);
afterEach(() => {
  time = Date.UTC(2026, 10, 1);
});

const winning: TuneOutcome = {
  best: { epsilon: 0.02, ridgeLambda: 4 }, bestEstimate: { value: 0.62, lower: 0.58, upper: 0.66 },
  currentEstimate: { value: 0.55, lower: 0.51, upper: 0.59 }, gain: { value: 0.07, lower: 0.03, upper: 0.11 },
  trials: [{ params: { epsilon: 0.02, ridgeLambda: 4 }, value: 0.62, lower: 0.58, upper: 0.66 }],
};

function setup(options: { tune?: Tuner; store?: SqliteStore; holder?: string; settings?: Partial<AutoTunerSettings> } = {}) {
  const store = options.store ?? temp.open();
  let id = 0;
  const newId = () => `${options.holder ?? 'p1'}-${String(++id).padStart(8, '0')}`;
  const engine = new ExperimentEngine({ store: store.experiments, arms: ['a', 'b'], now: () => time, newId });
  const metrics = createMetrics({ collectDefault: false });
  const seen: TuneInput[] = [];
  const tuner = new AutoTuner({
    store, engine, metrics: metrics.optimizer, logger: createLogger({ level: 'silent', secrets: [] }), now: () => time, newId,
    holder: options.holder ?? 'p1', settings: { ...SETTINGS, ...options.settings },
    tune: options.tune ?? (async (input) => { seen.push(input); return winning; }),
  });
  return { store, engine, tuner, metrics, seen };
}

let decisionCount = 0;
/** n requests of the tenant with closed rewards (the log the optimizer reads). */
function logTraffic(store: SqliteStore, n: number, tenant = 'g1'): void {
  for (let i = 0; i < n; i++) {
    const id = `log-${++decisionCount}`;
    store.recordDecision(decision(id, time, { tenant, arms: ['a', 'b'], arm: 'a', probabilities: [0.9, 0.1], propensity: 0.9 }));
    store.closeReward(reward(id, 0.5, { arm: 'a', closedAt: time }));
  }
}

/** Exposed requests of a canary experiment, split 90/10 as assigned, with rewards drawn around each variant's mean. */
function expose(store: SqliteStore, engine: ExperimentEngine, name: string, means: Record<string, number>, canaryRequests: number, seed = 1): void {
  const experiment = engine.get('g1', name)!;
  const rng = Sfc32.fromSeed(seed);
  for (let i = 0; i < canaryRequests * 10; i++) {
    const variant = i % 10 === 0 ? 'B' : 'A';
    {
      const mean = means[variant]!;
      const id = `exp-${++decisionCount}`;
      store.recordDecision(decision(id, time, { tenant: 'g1', arms: ['a', 'b'], arm: 'a', policyVersion: `experiment:${name}/${variant}` }));
      store.experiments.recordExposure({ experimentId: experiment.id, variant, decisionId: id });
      store.closeReward(reward(id, mean + 0.2 * gaussian(rng), { arm: 'a', closedAt: time }));
    }
  }
}

describe('AutoTuner', () => {
  it('deploys a candidate whose gain clears its lower bound as a 10 % canary, and rolls it back on a degradation', async () => {
    const { store, engine, tuner, seen, metrics } = setup();
    logTraffic(store, 60);
    const run = (await tuner.run('g1', 'manual'))!;
    expect(run).toMatchObject({ status: 'deployed', logs: 60, best: winning.best, gain: winning.gain });
    expect(seen[0]).toMatchObject({ current: {}, trials: 5, confidence: 0.9 });
    const [canary] = store.optimizer.canaries();
    expect(canary).toMatchObject({ runId: run.id, share: 0.1, params: winning.best, status: 'canary' });
    const experiment = engine.get('g1', canary!.experimentName)!;
    expect(experiment.variants.map((v) => [v.name, v.share, v.policy])).toEqual([
      ['A', 0.9, { kind: 'bandit' }], ['B', 0.1, { kind: 'bandit', overrides: winning.best }],
    ]);

    expose(store, engine, canary!.experimentName, { A: 0.5, B: 0.5 }, 30);
    expect(tuner.monitor().map((m) => m.action)).toEqual(['wait']);
    expose(store, engine, canary!.experimentName, { A: 0.5, B: 0.38 }, 120, 2);
    time += HOUR;
    const [action] = tuner.monitor();
    expect(action).toMatchObject({ action: 'rollback', reason: expect.stringMatching(/worse than control|below control/) });
    expect(store.optimizer.deployment(canary!.id)).toMatchObject({ status: 'rolled-back', endedAt: time });
    expect(engine.get('g1', canary!.experimentName)!.status).toBe('stopped');
    expect(engine.tenantDefault('g1')).toBeUndefined();
    expect(await metrics.registry.getSingleMetricAsString('switchboard_optimizer_deployments_total')).toContain('outcome="rolled-back"} 1');
  });

  it('promotes a canary that is clearly better, making its policy the community default', async () => {
    const { store, engine, tuner } = setup();
    logTraffic(store, 60);
    await tuner.run('g1', 'manual');
    const [canary] = store.optimizer.canaries();
    expose(store, engine, canary!.experimentName, { A: 0.5, B: 0.6 }, 300, 3);
    expect(tuner.monitor()[0]).toMatchObject({ action: 'promote' });
    expect(store.optimizer.deployment(canary!.id)!.status).toBe('promoted');
    expect(engine.tenantDefault('g1')).toMatchObject({ variant: 'B', policy: { kind: 'bandit', overrides: winning.best } });
    // The next run starts from the promoted policy.
    logTraffic(store, 10);
    const seen: TuneInput[] = [];
    const next = setup({ store, holder: 'p2', tune: async (input) => { seen.push(input); return { ...winning, gain: { value: 0, lower: -0.01, upper: 0.01 } }; } });
    await next.tuner.run('g1', 'manual');
    expect(seen[0]!.current).toEqual(winning.best);
  });

  it('deploys nothing when the lower bound of the gain does not clear zero', async () => {
    const { store, engine, tuner } = setup({ tune: async () => ({ ...winning, gain: { value: 0.02, lower: -0.004, upper: 0.044 } }) });
    logTraffic(store, 60);
    const run = (await tuner.run('g1', 'manual'))!;
    expect(run).toMatchObject({ status: 'not-deployed', deploymentId: null, reason: expect.stringMatching(/not sure enough: 0.02 \[-0.004, 0.044\]/) });
    expect(engine.list('g1')).toEqual([]);
    expect(store.optimizer.canaries()).toEqual([]);
  });

  it('does not tune on too few rewards, nor deploy over an admin\'s running experiment', async () => {
    const { store, engine, tuner } = setup();
    logTraffic(store, 10);
    expect(await tuner.run('g1', 'manual')).toMatchObject({ status: 'not-deployed', reason: 'only 10 rewarded requests; tuning needs 50' });
    logTraffic(store, 50);
    engine.createAb({ tenant: 'g1', name: 'admins-test', challengers: [{ policy: { kind: 'fixed-arm', arm: 'b' }, share: 0.5 }] });
    expect(await tuner.run('g1', 'manual')).toMatchObject({ status: 'not-deployed', reason: expect.stringMatching(/admins-test is running/) });
  });

  it('leaves no half-deployed configuration when it crashes between writing the canary experiment and its deployment', async () => {
    const { store, engine, tuner } = setup();
    logTraffic(store, 60);
    store.optimizer.createDeployment = () => { throw new Error('disk I/O error'); };
    const run = (await tuner.run('g1', 'manual'))!;
    expect(run).toMatchObject({ status: 'failed', reason: 'failed: disk I/O error', deploymentId: null });
    expect(engine.list('g1')).toEqual([]);
    expect(store.optimizer.canaries()).toEqual([]);
    expect(store.optimizer.run(run.id)!.status).toBe('failed');
    // The lock was released: the next run may go.
    expect(store.optimizer.acquireLock('optimizer', 'other', time, time + 1)).toBe(true);
  });

  it('marks a run a killed process left running as failed, and its lease lets another process in after it expires', async () => {
    const store = temp.open();
    logTraffic(store, 60);
    store.optimizer.createRun({
      id: 'killed', tenant: 'g1', trigger: 'schedule', status: 'running', startedAt: time, finishedAt: null, logs: 0, trials: [],
      best: null, bestEstimate: null, currentEstimate: null, gain: null, reason: null, deploymentId: null,
    });
    store.optimizer.acquireLock('optimizer', 'dead-process', time, time + 30 * 60_000);
    const { tuner } = setup({ store, holder: 'p2' });
    expect(store.optimizer.run('killed')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/interrupted/) });
    expect(await tuner.run('g1', 'manual')).toBeUndefined();
    time += 31 * 60_000;
    expect((await tuner.run('g1', 'manual'))!.status).toBe('deployed');
  });

  it('runs one process at a time: a second process is refused while the first tunes', async () => {
    const store = temp.open();
    logTraffic(store, 60);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const first = setup({ store, holder: 'p1', tune: async () => { await gate; return winning; } });
    const second = setup({ store, holder: 'p2' });
    const running = first.tuner.run('g1', 'manual');
    expect(await second.tuner.run('g1', 'manual')).toBeUndefined();
    release();
    expect((await running)!.status).toBe('deployed');
  });

  it('runs when due: after N new rewards or once the interval has passed, and an admin can roll back the canary', async () => {
    const { store, tuner, seen } = setup({ settings: { afterRewards: 100, intervalMs: 24 * HOUR } });
    logTraffic(store, 40);
    await tuner.tick();
    expect(seen).toHaveLength(0);
    logTraffic(store, 20);
    await tuner.tick();
    expect(seen).toHaveLength(1);
    time += HOUR;
    logTraffic(store, 50);
    await tuner.tick();
    expect(seen).toHaveLength(1);
    logTraffic(store, 60);
    await tuner.tick();
    expect(seen).toHaveLength(2);
    expect(store.optimizer.recentRuns('g1', 1)[0]).toMatchObject({ trigger: 'rewards', status: 'not-deployed' });
    expect(tuner.rollback('g1', 'admin U1')).toMatchObject({ status: 'rolled-back', reason: 'rolled back by admin U1' });
    expect(tuner.rollback('g1', 'admin U1')).toBeUndefined();
    time += 25 * HOUR;
    logTraffic(store, 1);
    await tuner.tick();
    expect(store.optimizer.recentRuns('g1', 1)[0]!.trigger).toBe('schedule');
  });
});
