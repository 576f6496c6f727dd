import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from './migrations.js';
import { decisionParams } from './sqlite-rows.js';
import { openSqliteStore } from './sqlite-store.js';
import { decision, feedback, outcome, reward, useTempStore } from './store-fixtures.js';

const { dir, file, open, peek } = useTempStore();

describe('opening', () => {
  it('creates the parent directory and puts the file in WAL mode', () => {
    expect(existsSync(join(dir(), 'nested'))).toBe(false);
    open();
    expect(existsSync(file())).toBe(true);
    expect(peek<{ journal_mode: string }>('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('works in memory without touching the file system', () => {
    const store = open(':memory:');
    store.recordDecision(decision('m1', 1));
    expect(store.decision('m1')?.propensity).toBe(0.0375);
    expect(existsSync(join(dir(), 'nested'))).toBe(false);
  });

  it('records every migration once and applies nothing when reopened', () => {
    open().close();
    const first = peek<{ version: number; name: string; applied_at: number }>('SELECT * FROM schema_migrations ORDER BY version');
    expect(first.map((row) => [row.version, row.name])).toEqual([
      [1, 'decisions-outcomes-feedback-rewards-snapshots'],
      [2, 'message-links'],
      [3, 'experiments-exposures-tenant-defaults'],
      [4, 'pilot-sources-chunks-runs'],
      [5, 'optimizer-runs-deployments-lock'],
    ]);
    open().close();
    expect(peek('SELECT * FROM schema_migrations ORDER BY version')).toEqual(first);
  });

  it('refuses a database from a newer schema version', () => {
    open().close();
    const db = new Database(file());
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (6, ?, 0)').run('from-the-future');
    db.close();
    expect(() => openSqliteStore(file())).toThrow(/schema version 6 is newer than this build of Switchboard knows \(5\)/);
    // Refusing leaves the file as it was.
    expect(peek<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).toEqual([
      { version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }, { version: 5 }, { version: 6 },
    ]);
  });

  it('upgrades a file written by the version-1 build: old decisions can be linked to messages', () => {
    mkdirSync(dirname(file()), { recursive: true });
    const v1 = new Database(file());
    migrate(v1, MIGRATIONS.slice(0, 1));
    v1.prepare(
      `INSERT INTO decisions (id, created_at, domain, tenant, channel, user, arms, arm, propensity, probabilities, scores,
         features, kind, policy_version)
       VALUES (@id, @created_at, @domain, @tenant, @channel, @user, @arms, @arm, @propensity, @probabilities, @scores,
         @features, @kind, @policy_version)`,
    ).run(decisionParams(decision('old', 1)));
    v1.close();

    const store = open();
    expect(peek<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }, { version: 5 }]);
    expect(store.decision('old')).toEqual(decision('old', 1));
    store.linkMessage('discord', 'msg-1', 'old');
    expect(store.decisionForMessage('discord', 'msg-1')).toBe('old');
  });

  it('closes idempotently', () => {
    const store = open();
    store.close();
    expect(() => store.close()).not.toThrow();
  });
});

describe('restart', () => {
  it('is durable without a clean shutdown: another connection sees every write at once', () => {
    const store = open();
    store.recordDecision(decision('d1', 1));
    store.recordOutcome(outcome('d1', 'anthropic:claude'));
    // No close(): a second store on the same file stands in for the process after a crash.
    const other = open();
    expect(other.pendingDecisions(10)).toHaveLength(1);
    expect(other.pendingDecisions(10)[0]?.outcomes).toHaveLength(1);
  });

  it('keeps everything across close and reopen, and continues the reward sequence', () => {
    const before = open();
    before.recordDecision(decision('d1', 1));
    before.recordDecision(decision('d2', 2));
    before.recordOutcome(outcome('d2', 'openai:gpt'));
    before.recordFeedback(feedback('d2', 'wrong', 3));
    expect(before.closeReward(reward('d1', 0.4))).toBe(1);
    before.saveSnapshot({ domain: 'routing', lastRewardSeq: 1, state: { n: 1 }, createdAt: 4 });
    before.close();

    const after = open();
    expect(after.decision('d1')).toEqual(decision('d1', 1));
    const pending = after.pendingDecisions(10);
    expect(pending.map((p) => p.decision.id)).toEqual(['d2']);
    expect(pending[0]?.outcomes).toEqual([outcome('d2', 'openai:gpt')]);
    expect(pending[0]?.feedback).toEqual([feedback('d2', 'wrong', 3)]);
    expect(after.latestSnapshot('routing')?.lastRewardSeq).toBe(1);
    expect(after.closeReward(reward('d1', 0.9))).toBeNull();
    expect(after.closeReward(reward('d2', 0.2))).toBe(2);
    expect(after.rewardsSince('routing', 1).map((r) => r.decisionId)).toEqual(['d2']);
  });
});
