import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Connection, Statement } from 'better-sqlite3';
import { migrate } from './migrations.js';
import { SqliteExperiments } from './sqlite-experiments.js';
import { SqliteOptimizer } from './sqlite-optimizer.js';
import { SqlitePilot } from './sqlite-pilot.js';
import type {
  ArmStats,
  ClosedReward, DecisionRecord, Domain, FeedbackRecord, OutcomeRecord, PendingDecision, PolicySnapshot, RewardRecord,
} from './records.js';
import {
  closedRewardFromRow, decisionFromRow, decisionParams, feedbackFromRow, feedbackParams, outcomeFromRow,
  outcomeParams, rewardParams, snapshotFromRow, snapshotParams,
} from './sqlite-rows.js';
import type { ClosedRewardRow, DecisionRow, FeedbackRow, OutcomeRow, Params, SnapshotRow } from './sqlite-rows.js';
import type { Store } from './store.js';

/** Long enough to ride out another connection's checkpoint, short enough to surface a stuck lock. */
const BUSY_TIMEOUT_MS = 5_000;
const DEFAULT_PENDING_LIMIT = 1_000;

const DECISION_COLUMNS =
  'id, created_at, domain, tenant, channel, user, arms, arm, propensity, probabilities, scores, features, kind, policy_version';
const OUTCOME_COLUMNS =
  'decision_id, arm, created_at, latency_ms, input_tokens, output_tokens, cost_usd, finish_reason, error, fallback';
const FEEDBACK_COLUMNS = 'decision_id, kind, source, user, created_at';

function placeholders(columns: string): string {
  return columns.split(', ').map((column) => `@${column}`).join(', ');
}

function isForeignKeyError(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

function isPrimaryKeyError(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Opens (creating if needed) the database file and brings its schema up to date. Throws when
 * the file comes from a newer schema than this build knows.
 */
export function openSqliteStore(path: string): SqliteStore {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL under WAL cannot corrupt the file; a power loss may only drop the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db);
    return new SqliteStore(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

const KEPT_SNAPSHOTS = 2;

/**
 * The embedded store. Every method is one statement or one transaction, so a crash between calls
 * never leaves half a write behind.
 */
export class SqliteStore implements Store {
  private readonly insertDecision: Statement<[Params]>;
  private readonly insertOutcome: Statement<[Params]>;
  private readonly insertFeedback: Statement<[Params]>;
  private readonly markRewarded: Statement<[string]>;
  private readonly hasReward: Statement<[string]>;
  private readonly insertReward: Statement<[Params]>;
  private readonly selectDecision: Statement<[string], DecisionRow>;
  private readonly selectPending: Statement<[number, number], DecisionRow>;
  private readonly selectOutcomes: Statement<[string], OutcomeRow>;
  private readonly selectFeedback: Statement<[string], FeedbackRow>;
  private readonly selectRewards: Statement<[string, number], ClosedRewardRow>;
  private readonly insertSnapshot: Statement<[Params]>;
  private readonly pruneSnapshots: Statement<[string, string]>;
  private readonly saveSnapshotTx: (snapshot: PolicySnapshot) => void;
  private readonly selectSnapshot: Statement<[string], SnapshotRow>;
  private readonly countPendingStmt: Statement<[string], { n: number }>;
  private readonly spendStmt: Statement<[string, number], { usd: number | null }>;
  private readonly linkStmt: Statement<[string, string, string]>;
  private readonly linkedStmt: Statement<[string, string], { decision_id: string }>;
  private readonly decisionArmsStmt: Statement<[string, number], { arm: string; decisions: number; rewards: number; reward_sum: number | null }>;
  private readonly attemptStmt: Statement<[string, number], { arm: string; latency_ms: number; cost_usd: number; error: string | null }>;
  private readonly closeRewardTx: (reward: RewardRecord) => number | null;
  private readonly pendingTx: (createdBefore: number, limit: number) => PendingDecision[];

  readonly experiments: SqliteExperiments;
  readonly pilot: SqlitePilot;
  readonly optimizer: SqliteOptimizer;

  /** Takes a connection already configured and migrated; use openSqliteStore. */
  constructor(private readonly db: Connection) {
    this.experiments = new SqliteExperiments(db);
    this.pilot = new SqlitePilot(db);
    this.optimizer = new SqliteOptimizer(db);
    this.insertDecision = db.prepare(`INSERT INTO decisions (${DECISION_COLUMNS}) VALUES (${placeholders(DECISION_COLUMNS)})`);
    this.insertOutcome = db.prepare(`INSERT INTO outcomes (${OUTCOME_COLUMNS}) VALUES (${placeholders(OUTCOME_COLUMNS)})`);
    // One statement that checks and inserts, so "unknown decision" can't race a concurrent writer.
    this.insertFeedback = db.prepare(
      `INSERT INTO feedback (${FEEDBACK_COLUMNS}) SELECT ${placeholders(FEEDBACK_COLUMNS)}
       WHERE EXISTS (SELECT 1 FROM decisions WHERE id = @decision_id)`,
    );
    this.markRewarded = db.prepare('UPDATE decisions SET pending = 0 WHERE id = ?');
    this.hasReward = db.prepare('SELECT 1 FROM rewards WHERE decision_id = ?');
    this.insertReward = db.prepare(
      `INSERT INTO rewards (decision_id, domain, arm, reward, components, closed_at)
       VALUES (@decision_id, @domain, @arm, @reward, @components, @closed_at)`,
    );
    this.selectDecision = db.prepare(`SELECT ${DECISION_COLUMNS} FROM decisions WHERE id = ?`);
    // `pending = 1` lets the partial index serve the scan; NOT EXISTS keeps rewards the truth.
    this.selectPending = db.prepare(
      `SELECT ${DECISION_COLUMNS} FROM decisions AS d
       WHERE pending = 1 AND created_at <= ?
         AND NOT EXISTS (SELECT 1 FROM rewards AS r WHERE r.decision_id = d.id)
       ORDER BY created_at, rowid
       LIMIT ?`,
    );
    this.countPendingStmt = db.prepare('SELECT COUNT(*) AS n FROM decisions WHERE pending = 1 AND domain = ?');
    this.linkStmt = db.prepare('INSERT OR IGNORE INTO message_links (platform, message_id, decision_id) VALUES (?, ?, ?)');
    this.linkedStmt = db.prepare('SELECT decision_id FROM message_links WHERE platform = ? AND message_id = ?');
    this.decisionArmsStmt = db.prepare(
      `SELECT d.arm AS arm, COUNT(*) AS decisions, COUNT(r.seq) AS rewards, SUM(r.reward) AS reward_sum
       FROM decisions d LEFT JOIN rewards r ON r.decision_id = d.id
       WHERE d.tenant = ? AND d.domain = 'routing' AND d.created_at >= ? GROUP BY d.arm`,
    );
    this.attemptStmt = db.prepare(
      `SELECT o.arm AS arm, o.latency_ms AS latency_ms, o.cost_usd AS cost_usd, o.error AS error
       FROM decisions d JOIN outcomes o ON o.decision_id = d.id
       WHERE d.tenant = ? AND d.domain = 'routing' AND d.created_at >= ?`,
    );
    this.spendStmt = db.prepare(
      `SELECT SUM(o.cost_usd) AS usd FROM decisions d JOIN outcomes o ON o.decision_id = d.id
       WHERE d.tenant = ? AND d.created_at >= ?`,
    );
    this.selectOutcomes = db.prepare(`SELECT ${OUTCOME_COLUMNS} FROM outcomes WHERE decision_id = ? ORDER BY id`);
    this.selectFeedback = db.prepare(`SELECT ${FEEDBACK_COLUMNS} FROM feedback WHERE decision_id = ? ORDER BY id`);
    this.selectRewards = db.prepare(
      `SELECT r.seq, r.decision_id, r.domain, r.arm, r.reward, r.components, r.closed_at,
              d.features, d.propensity, d.arms
       FROM rewards AS r JOIN decisions AS d ON d.id = r.decision_id
       WHERE r.domain = ? AND r.seq > ?
       ORDER BY r.seq`,
    );
    // A snapshot of the router's ridge state is megabytes: only the newest few are worth keeping.
    this.pruneSnapshots = db.prepare(
      `DELETE FROM policy_snapshots WHERE domain = ? AND id NOT IN
         (SELECT id FROM policy_snapshots WHERE domain = ? ORDER BY id DESC LIMIT ${KEPT_SNAPSHOTS})`,
    );
    this.saveSnapshotTx = db.transaction((snapshot: PolicySnapshot) => {
      this.insertSnapshot.run(snapshotParams(snapshot));
      this.pruneSnapshots.run(snapshot.domain, snapshot.domain);
    });
    this.insertSnapshot = db.prepare(
      `INSERT INTO policy_snapshots (domain, last_reward_seq, state, created_at)
       VALUES (@domain, @last_reward_seq, @state, @created_at)`,
    );
    this.selectSnapshot = db.prepare(
      'SELECT domain, last_reward_seq, state, created_at FROM policy_snapshots WHERE domain = ? ORDER BY id DESC LIMIT 1',
    );

    // The UPDATE comes first so the write lock is held before the check. Checking instead of
    // INSERT .. ON CONFLICT DO NOTHING because the latter still burns an AUTOINCREMENT seq.
    this.closeRewardTx = db.transaction((reward: RewardRecord): number | null => {
      if (this.markRewarded.run(reward.decisionId).changes === 0) {
        throw new Error(`closeReward: unknown decision ${reward.decisionId}`);
      }
      if (this.hasReward.get(reward.decisionId) !== undefined) return null;
      return Number(this.insertReward.run(rewardParams(reward)).lastInsertRowid);
    });
    // A read transaction, so the decisions and their outcomes and feedback come from one snapshot.
    this.pendingTx = db.transaction((createdBefore: number, limit: number): PendingDecision[] =>
      this.selectPending.all(createdBefore, limit).map((row) => ({
        decision: decisionFromRow(row),
        outcomes: this.selectOutcomes.all(row.id).map(outcomeFromRow),
        feedback: this.selectFeedback.all(row.id).map(feedbackFromRow),
      })),
    );
  }

  recordDecision(decision: DecisionRecord): void {
    try {
      this.insertDecision.run(decisionParams(decision));
    } catch (error) {
      if (isPrimaryKeyError(error)) throw new Error(`recordDecision: duplicate decision id ${decision.id}`, { cause: error });
      throw error;
    }
  }

  /** Throws when the decision id is unknown: outcomes are written after their decision, always. */
  recordOutcome(outcome: OutcomeRecord): void {
    try {
      this.insertOutcome.run(outcomeParams(outcome));
    } catch (error) {
      if (isForeignKeyError(error)) throw new Error(`recordOutcome: unknown decision ${outcome.decisionId}`, { cause: error });
      throw error;
    }
  }

  recordFeedback(feedback: FeedbackRecord): boolean {
    return this.insertFeedback.run(feedbackParams(feedback)).changes === 1;
  }

  /** Throws when the decision id is unknown; returns null (and changes nothing) when already closed. */
  closeReward(reward: RewardRecord): number | null {
    return this.closeRewardTx(reward);
  }

  decision(id: string): DecisionRecord | undefined {
    const row = this.selectDecision.get(id);
    return row === undefined ? undefined : decisionFromRow(row);
  }

  pendingDecisions(createdBefore: number, limit: number = DEFAULT_PENDING_LIMIT): PendingDecision[] {
    return this.pendingTx(createdBefore, limit);
  }

  linkMessage(platform: string, messageId: string, decisionId: string): void {
    this.linkStmt.run(platform, messageId, decisionId);
  }

  decisionForMessage(platform: string, messageId: string): string | undefined {
    return this.linkedStmt.get(platform, messageId)?.decision_id;
  }

  armStats(tenant: string, since: number): ArmStats[] {
    const byArm = new Map<string, ArmStats & { latencies: number[] }>();
    const entry = (arm: string) => {
      let e = byArm.get(arm);
      if (!e) {
        e = { arm, decisions: 0, meanReward: null, rewards: 0, latencyP50Ms: null, latencyP95Ms: null, costUsd: 0, errors: 0, latencies: [] };
        byArm.set(arm, e);
      }
      return e;
    };
    for (const row of this.decisionArmsStmt.all(tenant, since)) {
      const e = entry(row.arm);
      e.decisions = row.decisions;
      e.rewards = row.rewards;
      e.meanReward = row.rewards > 0 ? (row.reward_sum ?? 0) / row.rewards : null;
    }
    for (const row of this.attemptStmt.all(tenant, since)) {
      const e = entry(row.arm);
      e.costUsd += row.cost_usd;
      if (row.error === null) e.latencies.push(row.latency_ms);
      else e.errors++;
    }
    return [...byArm.values()].map(({ latencies, ...stats }) => {
      latencies.sort((a, b) => a - b);
      const at = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! : null);
      return { ...stats, latencyP50Ms: at(0.5), latencyP95Ms: at(0.95) };
    }).sort((a, b) => b.decisions - a.decisions || a.arm.localeCompare(b.arm));
  }

  tenantSpend(tenant: string, since: number): number {
    return this.spendStmt.get(tenant, since)?.usd ?? 0;
  }

  pendingCount(domain: Domain): number {
    return this.countPendingStmt.get(domain)?.n ?? 0;
  }

  rewardsSince(domain: Domain, afterSeq: number): ClosedReward[] {
    return this.selectRewards.all(domain, afterSeq).map(closedRewardFromRow);
  }

  /** Keeps the newest KEPT_SNAPSHOTS per domain; older ones go in the same transaction. */
  saveSnapshot(snapshot: PolicySnapshot): void {
    this.saveSnapshotTx(snapshot);
  }

  latestSnapshot(domain: Domain): PolicySnapshot | undefined {
    const row = this.selectSnapshot.get(domain);
    return row === undefined ? undefined : snapshotFromRow(row);
  }

  /** Safe to call twice, so shutdown paths need not track who closed first. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
