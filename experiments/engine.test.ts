import { describe, expect, it } from 'vitest';
import { decision, outcome, reward, useTempStore } from '../store/store-fixtures.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import { ExperimentEngine } from './engine.js';

const temp = useTempStore();
const ARMS = ['openai:gpt', 'anthropic:claude', 'local:llama'];

function engineOn(store: SqliteStore, now = () => 1_000): ExperimentEngine {
  let n = 0;
  return new ExperimentEngine({ store: store.experiments, arms: ARMS, now, newId: () => `exp-${++n}`, newSalt: () => 'salt' });
}

const create = (engine: ExperimentEngine, name = 'llama', share = 0.2) => engine.create({
  tenant: 'guild-1', name, control: 'A',
  variants: [{ name: 'A', share: 1 - share, policy: { kind: 'bandit' } }, { name: 'B', share, policy: { kind: 'fixed-arm', arm: 'local:llama' } }],
});

describe('ExperimentEngine', () => {
  it('assigns each member the same variant every time, in proportion to the shares', () => {
    const engine = engineOn(temp.open());
    create(engine);
    const users = Array.from({ length: 4000 }, (_, i) => `user-${i}`);
    const first = users.map((user) => engine.assign({ tenant: 'guild-1', user })!.variant.name);
    expect(users.map((user) => engine.assign({ tenant: 'guild-1', user })!.variant.name)).toEqual(first);
    // Binomial(4000, 0.2): sd ≈ 25, so ±100 is a 4-sigma band.
    const b = first.filter((v) => v === 'B').length;
    expect(b).toBeGreaterThan(800 - 100);
    expect(b).toBeLessThan(800 + 100);
    expect(engine.assign({ tenant: 'guild-2', user: 'user-1' })).toBeUndefined();
    expect(engine.assign({ tenant: 'guild-1', user: 'user-1' })?.policyVersion).toMatch(/^experiment:llama\/[AB]$/);
  });

  it('refuses invalid experiments: unknown arm, missing control, a second running one', () => {
    const engine = engineOn(temp.open());
    expect(() => engine.create({
      tenant: 'guild-1', name: 'x', control: 'A',
      variants: [{ name: 'A', share: 1, policy: { kind: 'bandit' } }, { name: 'B', share: 1, policy: { kind: 'fixed-arm', arm: 'nope' } }],
    })).toThrow(/Unknown arm "nope"/);
    expect(() => engine.create({
      tenant: 'guild-1', name: 'x', control: 'C',
      variants: [{ name: 'A', share: 1, policy: { kind: 'bandit' } }, { name: 'B', share: 1, policy: { kind: 'bandit' } }],
    })).toThrow(/Control "C"/);
    create(engine, 'first');
    expect(() => create(engine, 'second')).toThrow(/already running/);
  });

  it('createAb names challengers B, C, D… after control A, which keeps the rest of the members', () => {
    const engine = engineOn(temp.open());
    const experiment = engine.createAb({
      tenant: 'guild-1', name: 'abn',
      challengers: [{ policy: { kind: 'fixed-arm', arm: 'local:llama' }, share: 0.2 }, { policy: { kind: 'bandit', overrides: { epsilon: 0.3 } }, share: 0.3 }],
    });
    expect(experiment.variants.map((v) => [v.name, v.share])).toEqual([['A', 0.5], ['B', 0.2], ['C', 0.3]]);
    expect(experiment.variants[0]!.policy).toEqual({ kind: 'bandit' });
    const users = Array.from({ length: 2000 }, (_, i) => `user-${i}`);
    const counts = new Map<string, number>();
    for (const user of users) {
      const name = engine.assign({ tenant: 'guild-1', user })!.variant.name;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    // Binomial(2000, p): sd ≤ 23, so ±100 is a 4-sigma band.
    expect(Math.abs(counts.get('A')! - 1000)).toBeLessThan(100);
    expect(Math.abs(counts.get('B')! - 400)).toBeLessThan(100);
    expect(Math.abs(counts.get('C')! - 600)).toBeLessThan(100);
    expect(engine.status('guild-1', 'abn').verdicts.map((v) => v.variant)).toEqual(['B', 'C']);

    const bandit = { kind: 'bandit' as const };
    expect(() => engine.createAb({ tenant: 'guild-2', name: 'none', challengers: [] })).toThrow(/at least one variant/);
    expect(() => engine.createAb({ tenant: 'guild-2', name: 'many', challengers: Array.from({ length: 6 }, () => ({ policy: bandit, share: 0.1 })) })).toThrow(/At most 5/);
    expect(() => engine.createAb({ tenant: 'guild-2', name: 'full', challengers: [{ policy: bandit, share: 0.5 }, { policy: bandit, share: 0.5 }] })).toThrow(/control needs some members/);
    expect(() => engine.createAb({ tenant: 'guild-2', name: 'zero', challengers: [{ policy: bandit, share: 0 }] })).toThrow(/between 0 and 100/);
  });

  it('stop ends assignment; promote makes the variant the default', () => {
    const engine = engineOn(temp.open());
    create(engine, 'first');
    expect(engine.stop('guild-1', 'first').status).toBe('stopped');
    expect(engine.assign({ tenant: 'guild-1', user: 'u' })).toBeUndefined();
    expect(() => engine.stop('guild-1', 'first')).toThrow(/not running/);
    expect(engine.tenantDefault('guild-1')).toBeUndefined();

    create(engine, 'second');
    const promoted = engine.promote('guild-1', 'second', 'B');
    expect(promoted).toMatchObject({ variant: 'B', policy: { kind: 'fixed-arm', arm: 'local:llama' }, policyVersion: 'experiment:second/B' });
    expect(engine.get('guild-1', 'second')?.status).toBe('promoted');
    expect(engine.assign({ tenant: 'guild-1', user: 'u' })).toBeUndefined();
    expect(engine.tenantDefault('guild-1')?.variant).toBe('B');
    expect(() => engine.promote('guild-1', 'second', 'A')).toThrow(/already promoted/);
    expect(() => engine.promote('guild-1', 'first', 'Z')).toThrow(/no variant "Z"/);
  });

  it('keeps experiments, assignments and their data across a restart', () => {
    let store = temp.open();
    let engine = engineOn(store);
    create(engine);
    const before = ['a', 'b', 'c', 'd'].map((user) => engine.assign({ tenant: 'guild-1', user })!.variant.name);
    for (let i = 0; i < 40; i++) {
      const variant = i % 2 ? 'A' : 'B';
      store.recordDecision(decision(`d${i}`, i, { policyVersion: `experiment:llama/${variant}` }));
      store.experiments.recordExposure({ experimentId: 'exp-1', variant, decisionId: `d${i}` });
      store.recordOutcome(outcome(`d${i}`, 'local:llama', { latencyMs: 100 + i, costUsd: 0.001 }));
      store.closeReward(reward(`d${i}`, variant === 'B' ? 0.5 + (i % 4) / 10 : 0.1 + (i % 3) / 10));
    }
    store.close();

    store = temp.open();
    engine = engineOn(store);
    expect(['a', 'b', 'c', 'd'].map((user) => engine.assign({ tenant: 'guild-1', user })!.variant.name)).toEqual(before);
    const report = engine.status('guild-1', 'llama');
    expect(report.variants.map((v) => [v.name, v.requests, v.reward.count])).toEqual([['A', 20, 20], ['B', 20, 20]]);
    expect(report.variants[1]!.reward.mean).toBeGreaterThan(report.variants[0]!.reward.mean);
    expect(report.verdicts).toHaveLength(1);
    expect(report.verdicts[0]!.variant).toBe('B');
    // Planned shares are 80/20 but the exposures are 50/50: the split check must flag it.
    expect(report.srm?.mismatch).toBe(true);
    expect(report.verdicts[0]!.verdict.decision).toBe('stopped');
  });
});
