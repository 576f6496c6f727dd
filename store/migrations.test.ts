import Database from 'better-sqlite3';
import type { Database as Connection } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from './migrations.js';
import type { Migration } from './migrations.js';

let db: Connection;

const tables = (): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
    .map((row) => row.name);

const recorded = (): unknown[] => db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all();

const one: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER)' };
const two: Migration = { version: 2, name: 'two', sql: 'CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1)' };

beforeEach(() => {
  db = new Database(':memory:');
});

afterEach(() => {
  db.close();
});

describe('migrate', () => {
  it('applies the shipped migrations and records them', () => {
    expect(migrate(db, MIGRATIONS, () => 42)).toEqual({ applied: [1, 2, 3, 4, 5], version: 5 });
    expect(tables()).toEqual([
      'decisions', 'experiments', 'exposures', 'feedback', 'message_links', 'optimizer_deployments', 'optimizer_lock', 'optimizer_runs',
      'outcomes', 'pilot_chunks', 'pilot_runs', 'pilot_sources', 'policy_snapshots', 'rewards', 'schema_migrations', 'tenant_defaults',
    ]);
    // Shipped names are part of the record in the field: they must not change.
    expect(recorded()).toEqual([
      { version: 1, name: 'decisions-outcomes-feedback-rewards-snapshots', applied_at: 42 },
      { version: 2, name: 'message-links', applied_at: 42 },
      { version: 3, name: 'experiments-exposures-tenant-defaults', applied_at: 42 },
      { version: 4, name: 'pilot-sources-chunks-runs', applied_at: 42 },
      { version: 5, name: 'optimizer-runs-deployments-lock', applied_at: 42 },
    ]);
    expect(migrate(db, MIGRATIONS, () => 43)).toEqual({ applied: [], version: 5 });
  });

  it('upgrades a database left at version 1 to 2, keeping its rows', () => {
    expect(migrate(db, MIGRATIONS.slice(0, 1), () => 1)).toEqual({ applied: [1], version: 1 });
    db.prepare(
      `INSERT INTO decisions (id, created_at, domain, tenant, channel, user, arms, arm, propensity, probabilities, scores,
         features, kind, policy_version) VALUES ('old', 1, 'routing', 't', 'c', 'u', '[]', 'a', 1, '[]', '[]', '[]', 'code', 'v1')`,
    ).run();
    expect(migrate(db, MIGRATIONS.slice(0, 2), () => 2)).toEqual({ applied: [2], version: 2 });
    expect(recorded()).toEqual([
      { version: 1, name: 'decisions-outcomes-feedback-rewards-snapshots', applied_at: 1 },
      { version: 2, name: 'message-links', applied_at: 2 },
    ]);
    expect(db.prepare('SELECT id FROM decisions').all()).toEqual([{ id: 'old' }]);
    const link = db.prepare('INSERT INTO message_links (platform, message_id, decision_id) VALUES (?, ?, ?)');
    link.run('discord', 'm1', 'old');
    // (platform, message_id) is the key: the same id on another platform is another message.
    link.run('slack', 'm1', 'old');
    expect(() => link.run('discord', 'm1', 'old')).toThrow(/UNIQUE constraint failed/);
  });

  it('applies only what is pending, in order', () => {
    expect(migrate(db, [one], () => 1).applied).toEqual([1]);
    expect(migrate(db, [one, two], () => 2)).toEqual({ applied: [2], version: 2 });
    expect(migrate(db, [one, two], () => 3)).toEqual({ applied: [], version: 2 });
    expect(recorded()).toEqual([{ version: 1, name: 'one', applied_at: 1 }, { version: 2, name: 'two', applied_at: 2 }]);
    expect(db.prepare('SELECT x FROM a').all()).toEqual([{ x: 1 }]);
  });

  it('rolls back every pending step when one fails', () => {
    const broken: Migration = { version: 2, name: 'broken', sql: 'CREATE TABLE c (z INTEGER); NOT SQL' };
    expect(() => migrate(db, [one, broken])).toThrow();
    expect(tables()).toEqual(['schema_migrations']);
    expect(recorded()).toEqual([]);
  });

  it('refuses a database newer than the code', () => {
    migrate(db, [one, two]);
    expect(() => migrate(db, [one])).toThrow(/schema version 2 is newer than this build of Switchboard knows \(1\)/);
    expect(recorded()).toHaveLength(2);
  });

  it('rejects a migration list with gaps or disorder', () => {
    expect(() => migrate(db, [two])).toThrow(/position 1 holds version 2/);
    expect(tables()).toEqual([]);
  });
});
