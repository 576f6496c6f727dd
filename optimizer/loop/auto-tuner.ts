import type { ExperimentEngine } from '../../experiments/engine.js';
import { fnv1a32 } from '../../experiments/stable-hash.js';
import type { BanditOverrides } from '../../store/experiment-records.js';
import type { DeploymentRecord, OptimizerRunRecord, OptimizerTrigger } from '../../store/optimizer-records.js';
import type { Store } from '../../store/store.js';
import type { Logger } from '../../telemetry/index.js';
import type { OptimizerMetrics } from '../../telemetry/optimizer-metrics.js';
import { decideCanary, type CanaryRules } from './canary-decision.js';
import type { Tuner } from './tune-types.js';
import { formatEstimate } from '../../experiments/verdict.js';

export interface AutoTunerSettings extends CanaryRules {
  enabled: boolean;
  /** A tenant is tuned at least this often while it has new rewards. */
  intervalMs: number;
  /** …and as soon as this many rewards closed since its last run. */
  afterRewards: number;
  minRewards: number;
  maxLogs: number;
  trials: number;
  canaryShare: number;
  confidence: number;
}

export interface AutoTunerOptions {
  store: Store;
  engine: ExperimentEngine;
  tune: Tuner;
  settings: AutoTunerSettings;
  metrics: OptimizerMetrics;
  logger: Logger;
  now: () => number;
  newId: () => string;
  /** This process, as the lock's holder. */
  holder: string;
}

const LOCK = 'optimizer';
/** Long enough for one run's tuning; a crashed holder's lease runs out after this. */
const LEASE_MS = 30 * 60_000;
const CANARY_VARIANT = 'B';

/**
 * The optimizer's autonomous loop (DESIGN.md, "Optimizer"): per community, on a schedule or after
 * N new rewards, tune the bandit's hyperparameters on the logged decisions (off-policy), deploy the
 * best as a canary only when the lower bound of its estimated gain over the current policy is above
 * zero, then watch the canary with the experiments engine's always-valid test and promote it or roll
 * it back (canary-decision.ts). One process runs at a time (a lease in the store); the canary's
 * experiment and its deployment row are written in one transaction, so a crash leaves both or neither.
 */
export class AutoTuner {
  private busy = false;

  constructor(private readonly options: AutoTunerOptions) {
    const interrupted = options.store.optimizer.failInterruptedRuns(options.now());
    if (interrupted) options.logger.warn({ runs: interrupted }, 'optimizer runs interrupted by a restart are marked failed');
    options.metrics.canaries.set(options.store.optimizer.canaries().length);
  }

  /** One pass of the loop: canaries first (they protect members), then any tenant due for tuning. */
  async tick(): Promise<void> {
    if (!this.options.settings.enabled || this.busy) return;
    this.monitor();
    const { store, settings, now } = this.options;
    for (const tenant of store.optimizer.activeTenants(now() - settings.intervalMs)) {
      const trigger = this.due(tenant);
      if (trigger) await this.run(tenant, trigger);
    }
  }

  /** Tunes one tenant now; resolves with the finished run, or undefined when another run holds the lock. */
  async run(tenant: string, trigger: OptimizerTrigger): Promise<OptimizerRunRecord | undefined> {
    return this.start(tenant, trigger)?.done;
  }

  /**
   * Starts a run: takes the lock and records the run at once (so an admin's command can answer
   * with its id), then tunes in the background. Undefined when another run holds the lock.
   */
  start(tenant: string, trigger: OptimizerTrigger): { run: OptimizerRunRecord; done: Promise<OptimizerRunRecord> } | undefined {
    const { store, metrics, now } = this.options;
    if (this.busy || !store.optimizer.acquireLock(LOCK, this.options.holder, now(), now() + LEASE_MS)) {
      metrics.runs.inc({ trigger, outcome: 'skipped' });
      return undefined;
    }
    this.busy = true;
    const run: OptimizerRunRecord = {
      id: this.options.newId(), tenant, trigger, status: 'running', startedAt: now(), finishedAt: null, logs: 0, trials: [],
      best: null, bestEstimate: null, currentEstimate: null, gain: null, reason: null, deploymentId: null,
    };
    return { run: { ...run }, done: this.complete(run) };
  }

  get running(): boolean {
    return this.busy;
  }

  private async complete(run: OptimizerRunRecord): Promise<OptimizerRunRecord> {
    const { store, metrics, logger, now } = this.options;
    try {
      store.optimizer.createRun(run);
      await this.tuneAndMaybeDeploy(run);
    } catch (error) {
      Object.assign(run, { status: 'failed', reason: `failed: ${(error as Error).message}` });
      logger.error({ runId: run.id, tenant: run.tenant, err: (error as Error).message }, 'optimizer run failed');
    } finally {
      run.finishedAt = now();
      store.optimizer.updateRun(run);
      store.optimizer.releaseLock(LOCK, this.options.holder);
      this.busy = false;
      metrics.runs.inc({ trigger: run.trigger, outcome: run.status });
      if (run.bestEstimate) metrics.bestObjective.set({ tenant: run.tenant }, run.bestEstimate.value);
      logger.info({ runId: run.id, tenant: run.tenant, status: run.status, reason: run.reason }, 'optimizer run finished');
    }
    return run;
  }

  /** Watches every canary; returns what it did, for the logs and tests. */
  monitor(): Array<{ deployment: DeploymentRecord; action: string; reason: string }> {
    const { store, engine, settings, now } = this.options;
    const actions = [];
    for (const deployment of store.optimizer.canaries()) {
      const report = engine.status(deployment.tenant, deployment.experimentName);
      const decision = decideCanary(report, CANARY_VARIANT, now() - deployment.createdAt, settings);
      if (decision.action !== 'wait') this.end(deployment, decision.action, decision.reason);
      actions.push({ deployment, ...decision });
    }
    return actions;
  }

  /** An admin's rollback: stops the tenant's canary. Returns the ended deployment, or undefined when none runs. */
  rollback(tenant: string, by: string): DeploymentRecord | undefined {
    const canary = this.options.store.optimizer.canaries().find((d) => d.tenant === tenant);
    if (!canary) return undefined;
    this.end(canary, 'rollback', `rolled back by ${by}`);
    return this.options.store.optimizer.deployment(canary.id);
  }

  private async tuneAndMaybeDeploy(run: OptimizerRunRecord): Promise<void> {
    const { store, engine, settings } = this.options;
    const logs = store.optimizer.routingLogs(run.tenant, 0, settings.maxLogs);
    run.logs = logs.length;
    if (logs.length < settings.minRewards) {
      Object.assign(run, { status: 'not-deployed', reason: `only ${logs.length} rewarded requests; tuning needs ${settings.minRewards}` });
      return;
    }
    const current = currentOverrides(engine, run.tenant);
    const outcome = await this.options.tune({ logs, current, trials: settings.trials, seed: fnv1a32(run.id), confidence: settings.confidence });
    Object.assign(run, { trials: outcome.trials, best: outcome.best, bestEstimate: outcome.bestEstimate, currentEstimate: outcome.currentEstimate, gain: outcome.gain });
    const running = engine.list(run.tenant).find((e) => e.status === 'running');
    if (outcome.gain.lower <= 0) {
      const reason = `the best candidate's gain is not sure enough: ${formatEstimate(outcome.gain)} at ${Math.round(settings.confidence * 100)} % confidence`;
      Object.assign(run, { status: 'not-deployed', reason });
    } else if (running) {
      Object.assign(run, { status: 'not-deployed', reason: `experiment ${running.name} is running in this community; the canary waits for it to end` });
    } else {
      this.deploy(run, outcome.best);
    }
  }

  private deploy(run: OptimizerRunRecord, params: BanditOverrides): void {
    const { store, engine, settings, metrics, now } = this.options;
    const name = `optimizer-${run.id.slice(0, 8)}`;
    store.transaction(() => {
      const experiment = engine.createAb({ tenant: run.tenant, name, challengers: [{ policy: { kind: 'bandit', overrides: params }, share: settings.canaryShare }] });
      const deployment: DeploymentRecord = {
        id: this.options.newId(), runId: run.id, tenant: run.tenant, experimentId: experiment.id, experimentName: name, params,
        share: settings.canaryShare, status: 'canary', createdAt: now(), endedAt: null, reason: null,
      };
      store.optimizer.createDeployment(deployment);
      Object.assign(run, { status: 'deployed', deploymentId: deployment.id, reason: `deployed as canary ${name} on ${Math.round(settings.canaryShare * 100)} % of members` });
      store.optimizer.updateRun(run);
    });
    metrics.deployments.inc({ outcome: 'canary' });
    metrics.canaries.set(store.optimizer.canaries().length);
  }

  private end(deployment: DeploymentRecord, action: 'promote' | 'rollback' | 'expire', reason: string): void {
    const { store, engine, metrics, logger, now } = this.options;
    const status = action === 'promote' ? 'promoted' : action === 'rollback' ? 'rolled-back' : 'expired';
    store.transaction(() => {
      const experiment = engine.get(deployment.tenant, deployment.experimentName);
      if (action === 'promote') engine.promote(deployment.tenant, deployment.experimentName, CANARY_VARIANT);
      else if (experiment?.status === 'running') engine.stop(deployment.tenant, deployment.experimentName);
      store.optimizer.endDeployment(deployment.id, status, now(), reason);
    });
    metrics.deployments.inc({ outcome: status });
    metrics.canaries.set(store.optimizer.canaries().length);
    logger.info({ tenant: deployment.tenant, experiment: deployment.experimentName, status, reason }, 'optimizer canary ended');
  }

  private due(tenant: string): OptimizerTrigger | undefined {
    const { store, settings, now } = this.options;
    const last = store.optimizer.recentRuns(tenant, 1)[0];
    if (!last) return store.optimizer.countRewards(tenant, 0) >= settings.minRewards ? 'rewards' : undefined;
    if (store.optimizer.countRewards(tenant, last.startedAt) >= settings.afterRewards) return 'rewards';
    return now() - last.startedAt >= settings.intervalMs ? 'schedule' : undefined;
  }
}

/** The serving policy's overrides: the promoted default's, or none (the configured bandit). */
function currentOverrides(engine: ExperimentEngine, tenant: string): BanditOverrides {
  const policy = engine.tenantDefault(tenant)?.policy;
  return policy?.kind === 'bandit' ? policy.overrides ?? {} : {};
}

