import type { Database as Connection, Statement } from 'better-sqlite3';
import type { BanditOverrides } from './experiment-records.js';
import type {
  DeploymentRecord, DeploymentStatus, Interval, LoggedRouting, OptimizerRunRecord, OptimizerStore, OptimizerTrialRecord,
} from './optimizer-records.js';

interface RunRow {
  id: string; tenant: string; trigger: string; status: string; started_at: number; finished_at: number | null; logs: number;
  trials: string; best: string | null; best_estimate: string | null; current_estimate: string | null; gain: string | null;
  reason: string | null; deployment_id: string | null;
}

interface DeploymentRow {
  id: string; run_id: string; tenant: string; experiment_id: string; experiment_name: string; params: string; share: number;
  status: string; created_at: number; ended_at: number | null; reason: string | null;
}

interface LogRow {
  seq: number; decision_id: string; closed_at: number; features: string; arms: string; arm: string; propensity: number; reward: number;
  components: string; probabilities: string; policy_version: string;
}

const RUN_COLUMNS = 'id, tenant, trigger, status, started_at, finished_at, logs, trials, best, best_estimate, current_estimate, gain, reason, deployment_id';
const DEPLOYMENT_COLUMNS = 'id, run_id, tenant, experiment_id, experiment_name, params, share, status, created_at, ended_at, reason';
const named = (columns: string) => columns.split(', ').map((c) => `@${c}`).join(', ');
const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

function runFromRow(r: RunRow): OptimizerRunRecord {
  return {
    id: r.id, tenant: r.tenant, trigger: r.trigger as OptimizerRunRecord['trigger'], status: r.status as OptimizerRunRecord['status'],
    startedAt: r.started_at, finishedAt: r.finished_at, logs: r.logs, trials: JSON.parse(r.trials) as OptimizerTrialRecord[],
    best: parse<BanditOverrides>(r.best), bestEstimate: parse<Interval>(r.best_estimate), currentEstimate: parse<Interval>(r.current_estimate),
    gain: parse<Interval>(r.gain), reason: r.reason, deploymentId: r.deployment_id,
  };
}

function runParams(r: OptimizerRunRecord): Record<string, unknown> {
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  return {
    id: r.id, tenant: r.tenant, trigger: r.trigger, status: r.status, started_at: r.startedAt, finished_at: r.finishedAt, logs: r.logs,
    trials: JSON.stringify(r.trials), best: json(r.best), best_estimate: json(r.bestEstimate), current_estimate: json(r.currentEstimate),
    gain: json(r.gain), reason: r.reason, deployment_id: r.deploymentId,
  };
}

function deploymentFromRow(r: DeploymentRow): DeploymentRecord {
  return {
    id: r.id, runId: r.run_id, tenant: r.tenant, experimentId: r.experiment_id, experimentName: r.experiment_name,
    params: JSON.parse(r.params) as BanditOverrides, share: r.share, status: r.status as DeploymentStatus,
    createdAt: r.created_at, endedAt: r.ended_at, reason: r.reason,
  };
}

/** SQLite side of the autonomous optimizer, on the store's connection. */
export class SqliteOptimizer implements OptimizerStore {
  private readonly logs: Statement<[string, number, number], LogRow>;
  private readonly count: Statement<[string, number], { n: number }>;
  private readonly tenants: Statement<[number], { tenant: string }>;
  private readonly insertRun: Statement<[Record<string, unknown>]>;
  private readonly saveRun: Statement<[Record<string, unknown>]>;
  private readonly runById: Statement<[string], RunRow>;
  private readonly runsOf: Statement<[string, number], RunRow>;
  private readonly failRunning: Statement<[number]>;
  private readonly insertDeployment: Statement<[Record<string, unknown>]>;
  private readonly end: Statement<[string, number, string, string]>;
  private readonly deploymentById: Statement<[string], DeploymentRow>;
  private readonly canaryRows: Statement<[], DeploymentRow>;
  private readonly deploymentsOf: Statement<[string, number], DeploymentRow>;
  private readonly takeLock: Statement<[Record<string, unknown>]>;
  private readonly dropLock: Statement<[string, string]>;

  constructor(db: Connection) {
    // The newest `limit` closed rewards, returned oldest first: the objective replays them in time order.
    this.logs = db.prepare(
      `SELECT * FROM (
         SELECT r.seq, d.id AS decision_id, r.closed_at, d.features, d.arms, r.arm, d.propensity, r.reward, r.components,
           d.probabilities, d.policy_version
         FROM rewards r JOIN decisions d ON d.id = r.decision_id
         WHERE d.tenant = ? AND r.domain = 'routing' AND r.closed_at > ? ORDER BY r.seq DESC LIMIT ?
       ) ORDER BY seq`,
    );
    this.count = db.prepare(
      `SELECT COUNT(*) AS n FROM rewards r JOIN decisions d ON d.id = r.decision_id WHERE d.tenant = ? AND r.domain = 'routing' AND r.closed_at > ?`,
    );
    this.tenants = db.prepare(
      `SELECT DISTINCT d.tenant AS tenant FROM rewards r JOIN decisions d ON d.id = r.decision_id WHERE r.domain = 'routing' AND r.closed_at > ? ORDER BY 1`,
    );
    this.insertRun = db.prepare(`INSERT INTO optimizer_runs (${RUN_COLUMNS}) VALUES (${named(RUN_COLUMNS)})`);
    this.saveRun = db.prepare(
      `UPDATE optimizer_runs SET status = @status, finished_at = @finished_at, logs = @logs, trials = @trials, best = @best,
       best_estimate = @best_estimate, current_estimate = @current_estimate, gain = @gain, reason = @reason, deployment_id = @deployment_id
       WHERE id = @id`,
    );
    this.runById = db.prepare(`SELECT ${RUN_COLUMNS} FROM optimizer_runs WHERE id = ?`);
    this.runsOf = db.prepare(`SELECT ${RUN_COLUMNS} FROM optimizer_runs WHERE tenant = ? ORDER BY started_at DESC, rowid DESC LIMIT ?`);
    this.failRunning = db.prepare(
      `UPDATE optimizer_runs SET status = 'failed', reason = 'interrupted: the process stopped during the run', finished_at = ? WHERE status = 'running'`,
    );
    this.insertDeployment = db.prepare(`INSERT INTO optimizer_deployments (${DEPLOYMENT_COLUMNS}) VALUES (${named(DEPLOYMENT_COLUMNS)})`);
    this.end = db.prepare(`UPDATE optimizer_deployments SET status = ?, ended_at = ?, reason = ? WHERE id = ? AND status = 'canary'`);
    this.deploymentById = db.prepare(`SELECT ${DEPLOYMENT_COLUMNS} FROM optimizer_deployments WHERE id = ?`);
    this.canaryRows = db.prepare(`SELECT ${DEPLOYMENT_COLUMNS} FROM optimizer_deployments WHERE status = 'canary' ORDER BY created_at`);
    this.deploymentsOf = db.prepare(
      `SELECT ${DEPLOYMENT_COLUMNS} FROM optimizer_deployments WHERE tenant = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    );
    // Insert, or take over a lease that expired or that this holder already has: one statement, so two processes cannot both win.
    this.takeLock = db.prepare(
      `INSERT INTO optimizer_lock (name, holder, expires_at) VALUES (@name, @holder, @until)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE optimizer_lock.holder = excluded.holder OR optimizer_lock.expires_at <= @now`,
    );
    this.dropLock = db.prepare('DELETE FROM optimizer_lock WHERE name = ? AND holder = ?');
  }

  routingLogs(tenant: string, since: number, limit: number): LoggedRouting[] {
    return this.logs.all(tenant, since, limit).map((r) => ({
      seq: r.seq, decisionId: r.decision_id, domain: 'routing', closedAt: r.closed_at, features: JSON.parse(r.features) as number[],
      arms: JSON.parse(r.arms) as string[], arm: r.arm, propensity: r.propensity, reward: r.reward,
      components: JSON.parse(r.components) as Record<string, number>, probabilities: JSON.parse(r.probabilities) as number[],
      policyVersion: r.policy_version,
    }));
  }

  countRewards(tenant: string, since: number): number {
    return this.count.get(tenant, since)!.n;
  }

  activeTenants(since: number): string[] {
    return this.tenants.all(since).map((r) => r.tenant);
  }

  createRun(run: OptimizerRunRecord): void {
    this.insertRun.run(runParams(run));
  }

  updateRun(run: OptimizerRunRecord): void {
    this.saveRun.run(runParams(run));
  }

  run(id: string): OptimizerRunRecord | undefined {
    const row = this.runById.get(id);
    return row ? runFromRow(row) : undefined;
  }

  recentRuns(tenant: string, limit: number): OptimizerRunRecord[] {
    return this.runsOf.all(tenant, limit).map(runFromRow);
  }

  failInterruptedRuns(now: number): number {
    return this.failRunning.run(now).changes;
  }

  createDeployment(d: DeploymentRecord): void {
    this.insertDeployment.run({
      id: d.id, run_id: d.runId, tenant: d.tenant, experiment_id: d.experimentId, experiment_name: d.experimentName,
      params: JSON.stringify(d.params), share: d.share, status: d.status, created_at: d.createdAt, ended_at: d.endedAt, reason: d.reason,
    });
  }

  endDeployment(id: string, status: Exclude<DeploymentStatus, 'canary'>, at: number, reason: string): boolean {
    return this.end.run(status, at, reason, id).changes > 0;
  }

  deployment(id: string): DeploymentRecord | undefined {
    const row = this.deploymentById.get(id);
    return row ? deploymentFromRow(row) : undefined;
  }

  canaries(): DeploymentRecord[] {
    return this.canaryRows.all().map(deploymentFromRow);
  }

  recentDeployments(tenant: string, limit: number): DeploymentRecord[] {
    return this.deploymentsOf.all(tenant, limit).map(deploymentFromRow);
  }

  acquireLock(name: string, holder: string, now: number, until: number): boolean {
    return this.takeLock.run({ name, holder, now, until }).changes > 0;
  }

  releaseLock(name: string, holder: string): void {
    this.dropLock.run(name, holder);
  }
}
