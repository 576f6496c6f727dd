import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp, type App } from '../bot/app.js';
import { loadConfig } from '../config/index.js';
import { simulatedArms } from '../router/build-arms.js';
import { VirtualClock } from '../router/clock.js';
import { featurize } from '../router/features.js';
import { createLogger, createMetrics } from '../telemetry/index.js';
import { answered } from './answered.js';
import { useTempDir } from './temp-dir.js';

const tempDir = useTempDir();

function open(databasePath: string, clock: VirtualClock): App {
  const config = loadConfig({ env: { DATABASE_PATH: databasePath, FEEDBACK_WINDOW_SECONDS: '60' } });
  return createApp(config, {
    clock,
    logger: createLogger({ level: 'silent', secrets: [] }),
    metrics: createMetrics({ collectDefault: false }),
    arms: simulatedArms({ seed: 3, clock }),
    policySeed: 3,
  });
}

const probe = featurize({ text: 'what is 12*7?', history: [] }).vector;

async function chat(app: App, clock: VirtualClock, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = i % 2 ? 'what is 12*7?' : 'write a python function that sorts a list';
    const result = answered(await app.router.route({ platform: 'console', tenant: 't', channel: 'c', user: 'u', text, history: [] }));
    ids.push(result.decisionId);
    app.closer.feedback({ decisionId: result.decisionId, kind: i % 3 ? 'up' : 'down', source: 'console', user: 'u', createdAt: clock.now() });
    clock.advance(61_000);
    app.closer.closeDue();
  }
  return ids;
}

describe('restart', () => {
  it('restores the learned policy and keeps every stored decision', async () => {
    const db = join(tempDir(), 'switchboard.db');
    const clock = new VirtualClock();
    const first = open(db, clock);
    const ids = await chat(first, clock, 30);
    const learned = first.keeper.policy.learner.scores(probe, { next: () => 0, state: () => [] });
    expect(first.keeper.policy.learner.toState()).toMatchObject({ counts: expect.any(Array) });
    first.close();

    const second = open(db, clock);
    // Rebuilt from the summed statistics by Cholesky rather than rank-one updates: equal to rounding.
    const restored = Array.from(second.keeper.policy.learner.scores(probe, { next: () => 0, state: () => [] }));
    restored.forEach((score, arm) => expect(score).toBeCloseTo(learned[arm]!, 10));
    for (const id of ids) expect(second.store.decision(id)?.id).toBe(id);
    const counts = (second.keeper.policy.learner.toState() as unknown as { counts: number[] }).counts;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    second.close();
  });

  it('loses no learning in a crash between snapshots: rewards after the snapshot are replayed', async () => {
    const db = join(tempDir(), 'switchboard.db');
    const clock = new VirtualClock();
    const first = open(db, clock);
    await chat(first, clock, 12);
    const learned = Array.from(first.keeper.policy.learner.scores(probe, { next: () => 0, state: () => [] }));
    // No close(): the process "dies" with no snapshot written (snapshots come every 1,000 rewards).
    expect(first.store.latestSnapshot('routing')).toBeUndefined();

    const second = open(db, clock);
    expect(Array.from(second.keeper.policy.learner.scores(probe, { next: () => 0, state: () => [] }))).toEqual(learned);
    second.close();
    first.close();
  });

  it('closes decisions left pending by the previous run, once their window has passed', async () => {
    const db = join(tempDir(), 'switchboard.db');
    const clock = new VirtualClock();
    const first = open(db, clock);
    const result = answered(await first.router.route({ platform: 'console', tenant: 't', channel: 'c', user: 'u', text: 'hello there', history: [] }));
    first.closer.feedback({ decisionId: result.decisionId, kind: 'up', source: 'console', user: 'u', createdAt: clock.now() });
    first.close();

    const second = open(db, clock);
    expect(second.store.pendingCount('routing')).toBe(1);
    expect(second.closer.closeDue()).toBe(0);
    clock.advance(61_000);
    expect(second.closer.closeDue()).toBe(1);
    expect(second.store.pendingCount('routing')).toBe(0);
    const counts = (second.keeper.policy.learner.toState() as unknown as { counts: number[] }).counts;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    second.close();
  });
});
