import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp, type App } from '../bot/app.js';
import { commandServices } from '../bot/command-services.js';
import type { CommandReply } from '../commands/command.js';
import { renderReplyText } from '../commands/render-text.js';
import { runCommand } from '../commands/registry.js';
import { loadConfig } from '../config/index.js';
import type { Tuner } from '../optimizer/loop/tune-types.js';
import { simulatedArms } from '../router/build-arms.js';
import { VirtualClock } from '../router/clock.js';
import type { OptimizerRunRecord } from '../store/optimizer-records.js';
import { createLogger, createMetrics } from '../telemetry/index.js';
import { answered } from './answered.js';
import { useTempDir } from './temp-dir.js';
import { until } from './until.js';

const tempDir = useTempDir();

function open(clock: VirtualClock, tune?: Tuner): App {
  const config = loadConfig({
    env: {
      DATABASE_PATH: join(tempDir(), 'db.sqlite'), FEEDBACK_WINDOW_SECONDS: '60', ROUTER_MAX_RETRIES: '0',
      OPTIMIZER_TRIALS: '6', OPTIMIZER_MIN_REWARDS: '100',
    },
  });
  return createApp(config, {
    clock, logger: createLogger({ level: 'silent', secrets: [] }), metrics: createMetrics({ collectDefault: false }),
    arms: simulatedArms({ seed: 5, clock }), policySeed: 5, ...(tune ? { tune } : {}),
  });
}

/** Members ask; answers from anthropic-sim get 👍 and the others 👎, so the logs carry a signal. */
async function traffic(app: App, clock: VirtualClock, turns: number, from = 0): Promise<void> {
  for (let i = from; i < from + turns; i++) {
    const answer = answered(await app.router.route({ platform: 'console', tenant: 't', channel: 'c', user: `m${i}`, text: i % 3 ? 'what is 6*7?' : 'write a haiku', history: [] }));
    app.closer.feedback({ decisionId: answer.decisionId, kind: answer.arm === 'anthropic-sim' ? 'up' : 'down', source: 'simulation', user: `m${i}`, createdAt: clock.now() });
    clock.advance(1_000);
  }
  clock.advance(61_000);
  app.closer.closeDue();
}

function optimizer(app: App, subcommand: string, isAdmin = true): Promise<CommandReply> {
  return runCommand('optimizer', {
    platform: 'console', tenant: 't', channel: 'c', user: 'admin', isAdmin, subcommand, options: {}, services: commandServices(app), now: app.clock.now(),
  });
}

const text = (reply: CommandReply) => renderReplyText(reply, { bold: (s) => s, code: (s) => s });

function finished(app: App, id: string): Promise<OptimizerRunRecord> {
  const done = () => {
    const run = app.store.optimizer.run(id);
    return run && run.status !== 'running' ? run : undefined;
  };
  return until(done, 'the optimizer run to finish', 60_000);
}

describe('/optimizer end to end', () => {
  it('tunes on the logged requests in a worker thread and reports the run in /optimizer status', async () => {
    const clock = new VirtualClock();
    const app = open(clock);
    try {
      await traffic(app, clock, 300);
      const started = await optimizer(app, 'run');
      const id = /Optimizer run (\S+) started/.exec(started.title)![1]!;
      expect(text(await optimizer(app, 'run'))).toMatch(/Another optimizer run is in progress/);
      const run = await finished(app, id);
      expect(['deployed', 'not-deployed']).toContain(run.status);
      expect(run).toMatchObject({ trigger: 'manual', logs: 300 });
      expect(run.trials).toHaveLength(6);
      expect(run.bestEstimate!.lower).toBeLessThanOrEqual(run.bestEstimate!.value);
      expect(run.gain!.lower).toBeLessThanOrEqual(run.gain!.upper);
      expect(run.reason).toBeTruthy();
      const status = text(await optimizer(app, 'status'));
      expect(status).toMatch(/started \(UTC\) +trigger +outcome +requests +best +gain vs current/);
      expect(status).toContain(`manual   ${run.status}`);
      expect(status).toMatch(/• /);
      expect(text(await optimizer(app, 'status', false))).toContain('/optimizer is for server admins only.');
    } finally {
      await app.pilot.close();
      app.close();
    }
  });

  it('serves a deployed canary to about 10 % of members, and /optimizer rollback ends it', async () => {
    const clock = new VirtualClock();
    const tune: Tuner = async () => ({
      best: { epsilon: 0.3, epsilonFloor: 0.3 }, bestEstimate: { value: 0.3, lower: 0.2, upper: 0.4 },
      currentEstimate: { value: 0.1, lower: 0.05, upper: 0.15 }, gain: { value: 0.2, lower: 0.1, upper: 0.3 }, trials: [],
    });
    const app = open(clock, tune);
    try {
      await traffic(app, clock, 120);
      const run = await app.optimizer.run('t', 'manual');
      expect(run!.status).toBe('deployed');
      const [canary] = app.store.optimizer.canaries();
      await traffic(app, clock, 600, 1000);
      const report = app.experiments.status('t', canary!.experimentName);
      const share = report.variants.find((v) => v.name === 'B')!.requests / report.variants.reduce((n, v) => n + v.requests, 0);
      expect(share).toBeGreaterThan(0.06);
      expect(share).toBeLessThan(0.14);
      expect(text(await optimizer(app, 'status'))).toMatch(new RegExp(`Canary ${canary!.experimentName} \\(epsilon:0.3\\) on 10 % of members`));
      expect(text(await optimizer(app, 'rollback'))).toContain(`${canary!.experimentName} ended`);
      expect(app.experiments.get('t', canary!.experimentName)!.status).toBe('stopped');
      expect(text(await optimizer(app, 'rollback'))).toContain('No optimizer canary is running');
    } finally {
      app.close();
    }
  });
});
