import Database from 'better-sqlite3';
import type { Database as Connection, Statement } from 'better-sqlite3';
import type {
  ExperimentRecord, ExperimentStatus, ExperimentStore, ExposureOutcome, ExposureRecord, RewardClose, TenantDefault, VariantPolicy, VariantSpec,
} from './experiment-records.js';
import type { ClosedReward } from './records.js';
import { closedRewardFromRow, type ClosedRewardRow } from './sqlite-rows.js';

interface ExperimentRow {
  id: string;
  tenant: string;
  name: string;
  status: string;
  salt: string;
  created_at: number;
  stopped_at: number | null;
  variants: string;
  control: string;
}

interface OutcomeRow {
  variant: string;
  reward: number | null;
  ups: number;
  errors: number;
  attempts: number;
  latency: number | null;
  cost: number | null;
}

interface DefaultRow {
  tenant: string;
  experiment_id: string;
  variant: string;
  policy: string;
  policy_version: string;
  updated_at: number;
}

const COLUMNS = 'id, tenant, name, status, salt, created_at, stopped_at, variants, control';

function fromRow(row: ExperimentRow): ExperimentRecord {
  return {
    id: row.id, tenant: row.tenant, name: row.name, status: row.status as ExperimentStatus, salt: row.salt,
    createdAt: row.created_at, stoppedAt: row.stopped_at, variants: JSON.parse(row.variants) as VariantSpec[], control: row.control,
  };
}

/** SQLite side of the experiments engine, on the store's connection (and so its transactions and file). */
export class SqliteExperiments implements ExperimentStore {
  private readonly insert: Statement<[Record<string, unknown>]>;
  private readonly byTenant: Statement<[string], ExperimentRow>;
  private readonly byName: Statement<[string, string], ExperimentRow>;
  private readonly running: Statement<[string], ExperimentRow>;
  private readonly runningCount: Statement<[], { n: number }>;
  private readonly end: Statement<[Record<string, unknown>]>;
  private readonly expose: Statement<[string, string, string]>;
  private readonly outcomes: Statement<[string], OutcomeRow>;
  private readonly closes: Statement<[string], { variant: string; reward: number; closed_at: number }>;
  private readonly upsertDefault: Statement<[Record<string, unknown>]>;
  private readonly selectDefault: Statement<[string], DefaultRow>;
  private readonly versionRewards: Statement<[string], ClosedRewardRow>;
  private readonly promoteTx: (value: TenantDefault) => boolean;

  constructor(db: Connection) {
    this.insert = db.prepare(`INSERT INTO experiments (${COLUMNS}) VALUES (@id, @tenant, @name, @status, @salt, @created_at, NULL, @variants, @control)`);
    this.byTenant = db.prepare(`SELECT ${COLUMNS} FROM experiments WHERE tenant = ? ORDER BY created_at DESC, rowid DESC`);
    this.byName = db.prepare(`SELECT ${COLUMNS} FROM experiments WHERE tenant = ? AND name = ?`);
    this.running = db.prepare(`SELECT ${COLUMNS} FROM experiments WHERE tenant = ? AND status = 'running'`);
    this.runningCount = db.prepare(`SELECT COUNT(*) AS n FROM experiments WHERE status = 'running'`);
    // A stopped experiment may still be promoted (stop to look, then decide); nothing leaves 'promoted'.
    this.end = db.prepare(
      `UPDATE experiments SET status = @status, stopped_at = COALESCE(stopped_at, @at)
       WHERE id = @id AND (status = 'running' OR (status = 'stopped' AND @status = 'promoted'))`,
    );
    this.expose = db.prepare('INSERT INTO exposures (experiment_id, variant, decision_id) VALUES (?, ?, ?)');
    // Per request: its reward, whether a member gave a thumbs-up, and what its attempts cost in
    // failures, time and money (every attempt counts: the member waited for and paid them all).
    this.outcomes = db.prepare(
      `SELECT e.variant AS variant, r.reward AS reward,
         (SELECT COUNT(*) FROM feedback f WHERE f.decision_id = e.decision_id AND f.kind = 'up') AS ups,
         (SELECT COUNT(*) FROM outcomes o WHERE o.decision_id = e.decision_id AND o.error IS NOT NULL) AS errors,
         (SELECT COUNT(*) FROM outcomes o WHERE o.decision_id = e.decision_id) AS attempts,
         (SELECT SUM(o.latency_ms) FROM outcomes o WHERE o.decision_id = e.decision_id) AS latency,
         (SELECT SUM(o.cost_usd) FROM outcomes o WHERE o.decision_id = e.decision_id) AS cost
       FROM exposures e LEFT JOIN rewards r ON r.decision_id = e.decision_id
       WHERE e.experiment_id = ?`,
    );
    // seq breaks ties between rewards closed in the same millisecond (the sweep closes many at once).
    this.closes = db.prepare(
      `SELECT e.variant AS variant, r.reward AS reward, r.closed_at AS closed_at
       FROM exposures e JOIN rewards r ON r.decision_id = e.decision_id
       WHERE e.experiment_id = ? ORDER BY r.closed_at, r.seq`,
    );
    this.upsertDefault = db.prepare(
      `INSERT INTO tenant_defaults (tenant, experiment_id, variant, policy, policy_version, updated_at)
       VALUES (@tenant, @experiment_id, @variant, @policy, @policy_version, @updated_at)
       ON CONFLICT (tenant) DO UPDATE SET experiment_id = excluded.experiment_id, variant = excluded.variant,
         policy = excluded.policy, policy_version = excluded.policy_version, updated_at = excluded.updated_at`,
    );
    this.selectDefault = db.prepare('SELECT tenant, experiment_id, variant, policy, policy_version, updated_at FROM tenant_defaults WHERE tenant = ?');
    this.versionRewards = db.prepare(
      `SELECT r.seq, r.decision_id, r.domain, r.arm, r.reward, r.components, r.closed_at, d.features, d.propensity, d.arms
       FROM decisions d JOIN rewards r ON r.decision_id = d.id
       WHERE d.policy_version = ? ORDER BY r.seq`,
    );
    // One transaction: a crash must not leave an experiment promoted with no default, or the reverse.
    this.promoteTx = db.transaction((value: TenantDefault): boolean => {
      if (!this.endExperiment(value.experimentId, 'promoted', value.updatedAt)) return false;
      this.setTenantDefault(value);
      return true;
    });
  }

  createExperiment(e: ExperimentRecord): void {
    try {
      this.insert.run({
        id: e.id, tenant: e.tenant, name: e.name, status: e.status, salt: e.salt, created_at: e.createdAt,
        variants: JSON.stringify(e.variants), control: e.control,
      });
    } catch (error) {
      if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) {
        const reason = error.message.includes('experiments.tenant, experiments.name')
          ? `an experiment named "${e.name}" already exists`
          : 'another experiment is already running';
        throw new Error(`Cannot create experiment "${e.name}": ${reason}.`, { cause: error });
      }
      throw error;
    }
  }

  experiments(tenant: string): ExperimentRecord[] {
    return this.byTenant.all(tenant).map(fromRow);
  }

  experiment(tenant: string, name: string): ExperimentRecord | undefined {
    const row = this.byName.get(tenant, name);
    return row === undefined ? undefined : fromRow(row);
  }

  countRunning(): number {
    return this.runningCount.get()?.n ?? 0;
  }

  runningExperiment(tenant: string): ExperimentRecord | undefined {
    const row = this.running.get(tenant);
    return row === undefined ? undefined : fromRow(row);
  }

  endExperiment(id: string, status: 'stopped' | 'promoted', at: number): boolean {
    return this.end.run({ id, status, at }).changes === 1;
  }

  recordExposure({ experimentId, variant, decisionId }: ExposureRecord): void {
    this.expose.run(experimentId, variant, decisionId);
  }

  exposureOutcomes(experimentId: string): ExposureOutcome[] {
    return this.outcomes.all(experimentId).map((row) => ({
      variant: row.variant,
      reward: row.reward,
      positiveFeedback: row.ups > 0,
      failed: row.errors > 0,
      latencyMs: row.attempts > 0 ? row.latency : null,
      costUsd: row.cost ?? 0,
    }));
  }

  rewardCloses(experimentId: string): RewardClose[] {
    return this.closes.all(experimentId).map((row) => ({ variant: row.variant, reward: row.reward, closedAt: row.closed_at }));
  }

  promoteExperiment(value: TenantDefault): boolean {
    return this.promoteTx(value);
  }

  setTenantDefault(value: TenantDefault): void {
    this.upsertDefault.run({
      tenant: value.tenant, experiment_id: value.experimentId, variant: value.variant,
      policy: JSON.stringify(value.policy), policy_version: value.policyVersion, updated_at: value.updatedAt,
    });
  }

  tenantDefault(tenant: string): TenantDefault | undefined {
    const row = this.selectDefault.get(tenant);
    if (row === undefined) return undefined;
    return {
      tenant: row.tenant, experimentId: row.experiment_id, variant: row.variant,
      policy: JSON.parse(row.policy) as VariantPolicy, policyVersion: row.policy_version, updatedAt: row.updated_at,
    };
  }

  rewardsForPolicyVersion(policyVersion: string): ClosedReward[] {
    return this.versionRewards.all(policyVersion).map(closedRewardFromRow);
  }
}
