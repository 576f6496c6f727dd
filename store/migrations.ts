import type { Database } from 'better-sqlite3';

/**
 * Numbered schema migrations. Append only: a migration that has shipped is never edited, because
 * databases in the field already ran it; change the schema by adding the next version.
 *
 * They run inside one transaction with foreign keys on, where `PRAGMA foreign_keys` is a no-op;
 * a future migration that rebuilds a table must therefore order its steps so the constraints
 * hold throughout (SQLite's "12-step" recipe), not rely on switching them off.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'decisions-outcomes-feedback-rewards-snapshots',
    sql: `
      CREATE TABLE decisions (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        domain TEXT NOT NULL,
        tenant TEXT NOT NULL,
        channel TEXT NOT NULL,
        user TEXT NOT NULL,
        arms TEXT NOT NULL,
        arm TEXT NOT NULL,
        propensity REAL NOT NULL,
        probabilities TEXT NOT NULL,
        scores TEXT NOT NULL,
        features TEXT NOT NULL,
        kind TEXT NOT NULL,
        policy_version TEXT NOT NULL,
        -- 1 until the reward closes. Redundant with rewards, kept so the pending lookup reads a
        -- small partial index instead of walking every decision ever made.
        pending INTEGER NOT NULL DEFAULT 1
      );
      CREATE INDEX decisions_pending ON decisions (created_at) WHERE pending = 1;
      CREATE INDEX decisions_tenant_created ON decisions (tenant, created_at);

      CREATE TABLE outcomes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        decision_id TEXT NOT NULL REFERENCES decisions (id),
        arm TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        latency_ms REAL NOT NULL,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cost_usd REAL NOT NULL,
        finish_reason TEXT NOT NULL,
        error TEXT,
        fallback INTEGER NOT NULL CHECK (fallback IN (0, 1))
      );
      CREATE INDEX outcomes_decision ON outcomes (decision_id);

      CREATE TABLE feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        decision_id TEXT NOT NULL REFERENCES decisions (id),
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        user TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX feedback_decision ON feedback (decision_id);

      -- AUTOINCREMENT so a seq is never reused: snapshots remember the last seq they folded in.
      CREATE TABLE rewards (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        decision_id TEXT NOT NULL UNIQUE REFERENCES decisions (id),
        domain TEXT NOT NULL,
        arm TEXT NOT NULL,
        reward REAL NOT NULL,
        components TEXT NOT NULL,
        closed_at INTEGER NOT NULL
      );
      CREATE INDEX rewards_domain_seq ON rewards (domain, seq);

      CREATE TABLE policy_snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        domain TEXT NOT NULL,
        last_reward_seq INTEGER NOT NULL,
        state TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX policy_snapshots_domain ON policy_snapshots (domain, id);
    `,
  },
  {
    version: 2,
    name: 'message-links',
    sql: `
      -- Which decision a bot message answered, so a reaction on it (even long after a restart)
      -- becomes feedback on the right decision.
      CREATE TABLE message_links (
        platform TEXT NOT NULL,
        message_id TEXT NOT NULL,
        decision_id TEXT NOT NULL REFERENCES decisions (id),
        PRIMARY KEY (platform, message_id)
      );
    `,
  },
  {
    version: 3,
    name: 'experiments-exposures-tenant-defaults',
    sql: `
      CREATE TABLE experiments (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'stopped', 'promoted')),
        salt TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        stopped_at INTEGER,
        variants TEXT NOT NULL,
        control TEXT NOT NULL,
        UNIQUE (tenant, name)
      );
      -- Two running routing experiments would fight over the same members' traffic.
      CREATE UNIQUE INDEX experiments_one_running ON experiments (tenant) WHERE status = 'running';

      CREATE TABLE exposures (
        decision_id TEXT PRIMARY KEY REFERENCES decisions (id),
        experiment_id TEXT NOT NULL REFERENCES experiments (id),
        variant TEXT NOT NULL
      );
      CREATE INDEX exposures_experiment ON exposures (experiment_id, variant);

      -- The promoted variant's policy serves the tenant once its experiment has ended.
      CREATE TABLE tenant_defaults (
        tenant TEXT PRIMARY KEY,
        experiment_id TEXT NOT NULL REFERENCES experiments (id),
        variant TEXT NOT NULL,
        policy TEXT NOT NULL,
        policy_version TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );

      -- Variant policies replay their own decisions' rewards on start-up.
      CREATE INDEX decisions_policy_version ON decisions (policy_version);
    `,
  },
  {
    version: 4,
    name: 'pilot-sources-chunks-runs',
    sql: `
      -- Community text as ingested; (tenant, workspace, source_id) makes re-ingesting a no-op.
      CREATE TABLE pilot_sources (
        id INTEGER PRIMARY KEY,
        tenant TEXT NOT NULL,
        workspace TEXT NOT NULL,
        source_id TEXT NOT NULL,
        origin TEXT NOT NULL,
        channel TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        text TEXT NOT NULL,
        url TEXT,
        ingested_at INTEGER NOT NULL,
        UNIQUE (tenant, workspace, source_id)
      );

      -- Segments of a source with their vector; namespace is tenant:workspace:pilot:channel.
      CREATE TABLE pilot_chunks (
        id INTEGER PRIMARY KEY,
        source_row INTEGER NOT NULL REFERENCES pilot_sources (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        namespace TEXT NOT NULL,
        text TEXT NOT NULL,
        tokens INTEGER NOT NULL,
        embedder TEXT,
        vector BLOB,
        UNIQUE (source_row, idx)
      );
      CREATE INDEX pilot_chunks_namespace ON pilot_chunks (namespace, embedder);

      CREATE TABLE pilot_runs (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        workspace TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        orchestrator TEXT NOT NULL,
        degraded TEXT NOT NULL,
        request TEXT NOT NULL,
        steps TEXT NOT NULL,
        analysis TEXT,
        error TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        duration_seconds REAL
      );
      CREATE INDEX pilot_runs_tenant ON pilot_runs (tenant, created_at);
    `,
  },
  {
    version: 5,
    name: 'optimizer-runs-deployments-lock',
    sql: `
      CREATE TABLE optimizer_runs (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        trigger TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'deployed', 'not-deployed', 'failed')),
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        logs INTEGER NOT NULL,
        trials TEXT NOT NULL,
        best TEXT,
        best_estimate TEXT,
        current_estimate TEXT,
        gain TEXT,
        reason TEXT,
        deployment_id TEXT
      );
      CREATE INDEX optimizer_runs_tenant ON optimizer_runs (tenant, started_at);

      -- A canary is an experiment of the engine; the row and the experiment are written in one transaction.
      CREATE TABLE optimizer_deployments (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES optimizer_runs (id),
        tenant TEXT NOT NULL,
        experiment_id TEXT NOT NULL REFERENCES experiments (id),
        experiment_name TEXT NOT NULL,
        params TEXT NOT NULL,
        share REAL NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('canary', 'promoted', 'rolled-back', 'expired')),
        created_at INTEGER NOT NULL,
        ended_at INTEGER,
        reason TEXT
      );
      CREATE UNIQUE INDEX optimizer_one_canary ON optimizer_deployments (tenant) WHERE status = 'canary';

      -- One optimizer run at a time across processes sharing this file: a lease, renewed while running.
      CREATE TABLE optimizer_lock (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );

      CREATE INDEX rewards_closed_at ON rewards (closed_at);
    `,
  },
];

export interface MigrationResult {
  /** Versions applied by this call, in order; empty when the database was up to date. */
  applied: number[];
  version: number;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration list out of order: position ${index + 1} holds version ${migration.version}`);
    }
  });
}

/**
 * Brings the database up to the newest known version. Everything pending runs in one immediate
 * transaction, so a crash leaves the previous version intact and two processes opening the same
 * file at once cannot both apply a step.
 */
export function migrate(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => number = Date.now,
): MigrationResult {
  checkOrder(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const known = migrations.length;
  const run = db.transaction((): MigrationResult => {
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
    const current = row.version ?? 0;
    if (current > known) {
      throw new Error(
        `Database schema version ${current} is newer than this build of Switchboard knows (${known}); ` +
          'refusing to open it. Run a newer build, or point the store at another file.',
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const applied: number[] = [];
    for (const migration of migrations.slice(current)) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now());
      applied.push(migration.version);
    }
    return { applied, version: Math.max(current, known) };
  });
  return run.immediate();
}
