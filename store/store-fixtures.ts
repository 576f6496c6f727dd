import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import type { DecisionRecord, FeedbackRecord, OutcomeRecord, RewardRecord } from './records.js';
import { openSqliteStore } from './sqlite-store.js';
import type { SqliteStore } from './sqlite-store.js';

/** Test helpers for the store: records with realistic values, and a store on a temp file. */

export interface TempStore {
  /** Temp directory, removed after each test. */
  dir(): string;
  /** Database path, two missing directories below dir(). */
  file(): string;
  /** Opens a store (on file() unless told otherwise), closed after the test. */
  open(path?: string): SqliteStore;
  /** Reads the file through a second connection, as another process would. */
  peek<T>(sql: string, ...params: unknown[]): T[];
}

export function useTempStore(): TempStore {
  let dir = '';
  let file = '';
  const opened: SqliteStore[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-store-'));
    file = join(dir, 'nested', 'deeper', 'switchboard.db');
  });
  afterEach(() => {
    for (const store of opened.splice(0)) store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    file: () => file,
    open(path = file) {
      const store = openSqliteStore(path);
      opened.push(store);
      return store;
    },
    peek<T>(sql: string, ...params: unknown[]): T[] {
      const db = new Database(file);
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
  };
}

export function decision(id: string, createdAt: number, overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    id,
    createdAt,
    domain: 'routing',
    tenant: 'guild-1',
    channel: 'chan-1',
    user: 'user-1',
    arms: ['openai:gpt', 'anthropic:claude', 'local:llama'],
    arm: 'anthropic:claude',
    propensity: 0.0375,
    probabilities: [0.9125, 0.0375, 0.05],
    scores: [-0.125, 1.5e-7, -3.25],
    features: [1, 0, 0.1 + 0.2, -42.5, 1e-300],
    kind: 'code',
    policyVersion: 'linucb@3',
    ...overrides,
  };
}

export function outcome(decisionId: string, arm: string, overrides: Partial<OutcomeRecord> = {}): OutcomeRecord {
  return {
    decisionId, arm, createdAt: 1_000, latencyMs: 812.5, inputTokens: 120, outputTokens: 480,
    costUsd: 0.00123, finishReason: 'stop', error: null, fallback: false, ...overrides,
  };
}

export function feedback(decisionId: string, kind: FeedbackRecord['kind'], createdAt: number): FeedbackRecord {
  return { decisionId, kind, source: 'button', user: 'user-2', createdAt };
}

export function reward(decisionId: string, value: number, overrides: Partial<RewardRecord> = {}): RewardRecord {
  return {
    decisionId, domain: 'routing', arm: 'anthropic:claude', reward: value,
    components: { feedback: value, latency: -0.05, cost: -0.0125 }, closedAt: 9_000, ...overrides,
  };
}
