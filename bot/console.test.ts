import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/registry.js';
import { loadConfig } from '../config/index.js';
import { simulatedArms } from '../router/build-arms.js';
import { VirtualClock } from '../router/clock.js';
import { createLogger, createMetrics } from '../telemetry/index.js';
import { createApp, type App } from './app.js';
import { ConsoleAdapter } from './console.js';
import { ConsoleCommands } from './console-commands.js';
import { seedExperiment } from '../test/abtest-fixtures.js';
import { useTempDir } from '../test/temp-dir.js';

let app: App | undefined;
afterEach(() => app?.close());
const tempDir = useTempDir();

function setup(interactive: boolean, errorRates: Record<string, number> = {}, imageDir?: string) {
  const clock = new VirtualClock();
  app = createApp(loadConfig({ env: { DATABASE_PATH: ':memory:', FEEDBACK_WINDOW_SECONDS: '60' } }), {
    clock, policySeed: 2, logger: createLogger({ level: 'silent', secrets: [] }), metrics: createMetrics({ collectDefault: false }),
    arms: simulatedArms({ seed: 2, clock, errorRates }),
  });
  const input = new PassThrough();
  const output = new PassThrough();
  const notes = new PassThrough();
  let shown = '';
  output.on('data', (d: Buffer) => (shown += d));
  const commands = imageDir === undefined ? undefined
    : new ConsoleCommands({ commands: COMMANDS, services: { store: app.store, experiments: app.experiments }, imageDir });
  const adapter = new ConsoleAdapter({
    router: app.router, closer: app.closer, clock, input, output, notes, interactive, json: false, ...(commands ? { commands } : {}),
  });
  return { app, clock, input, adapter, shown: () => shown };
}

describe('console adapter on a terminal', () => {
  it('streams the answer, shows provider, latency and cost, and records + / - as feedback', async () => {
    const { app, clock, input, adapter, shown } = setup(true);
    const done = adapter.start();
    input.end('what is 6*7?\n+\nwrite a haiku about rain\n-\n');
    await done;
    const screen = shown();
    expect(screen).toMatch(/\[simulated answer from [a-z]+-sim\]/);
    expect(screen).toMatch(/── [a-z]+-sim · [\d,]+ ms · \$\d+\.\d{5} · rate it: \+ or -/);
    expect(screen).toContain('Noted: helpful 👍');
    expect(screen).toContain('Noted: not helpful 👎');
    clock.advance(61_000);
    const pending = app.store.pendingDecisions(clock.now());
    expect(pending.map((p) => p.feedback.map((f) => f.kind))).toEqual([['up'], ['down']]);
    expect(app.closer.closeDue()).toBe(2);
  });

  it('treats /retry as a regenerate of the last answer and asks the same question again', async () => {
    const { app, clock, input, adapter, shown } = setup(true);
    const done = adapter.start();
    input.end('what is 6*7?\n/retry\n');
    await done;
    expect(shown().match(/\[simulated answer from/g)).toHaveLength(2);
    clock.advance(61_000);
    const pending = app.store.pendingDecisions(clock.now());
    expect(pending.map((p) => p.feedback.map((f) => f.kind))).toEqual([['regenerate'], []]);
    // The retried question is asked without the replaced answer in its context.
    expect(pending.map((p) => p.decision.features[10])).toEqual([0, 0]);
  });

  it('keeps the conversation as context for the next question', async () => {
    const { app, input, adapter } = setup(true);
    const done = adapter.start();
    input.end('first question\nsecond question\n');
    await done;
    const decisions = app.store.pendingDecisions(Number.MAX_SAFE_INTEGER).map((p) => p.decision);
    // Depth feature (index 10): the second turn carries 2 earlier messages → 0.2.
    expect(decisions.map((d) => d.features[10])).toEqual([0, 0.2]);
  });

  it('tells the user when every provider failed instead of staying silent', async () => {
    const everyArmFails = { 'openai-sim': 1, 'anthropic-sim': 1, 'gemini-sim': 1, 'llama-sim': 1 };
    const { input, adapter, shown } = setup(false, everyArmFails);
    const done = adapter.start();
    input.end('hello?\n');
    await done;
    expect(shown()).toMatch(/^Sorry, no provider could answer right now \(simulated outage\)\. Please try again in a moment\.\n$/);
  });
});

describe('console slash commands', () => {
  it('runs /abtest at a terminal and writes the status chart to a file whose path it prints', async () => {
    const imageDir = join(tempDir(), 'images');
    const { app, clock, input, adapter, shown } = setup(true, {}, imageDir);
    seedExperiment(app, clock, { tenant: 'local', name: 'cheap', arm: app.arms[0]!.name });
    const done = adapter.start();
    input.end('/abtest list\n/abtest status cheap\n/abtest status\n');
    await done;
    const screen = shown();
    expect(screen).toMatch(/Experiments\nDefault policy: the shared bandit\.\nname +status +variants/);
    expect(screen).toMatch(/Experiment cheap \(running\)\nSRM: ok/);
    const path = join(imageDir, 'abtest-cheap.png');
    expect(screen).toContain(`Chart (Mean reward of A, B in experiment cheap over its 1.0 hours, with always-valid 95% intervals.): ${path}\n`);
    expect([...readFileSync(path).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    // Mistakes get the usage, as on Slack; none of these lines was routed as a question (the seeded requests are all closed).
    expect(screen).toContain('`name` is required.');
    expect(app.store.pendingDecisions(Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it('leaves commands to the router on a pipe, where every line is a message', async () => {
    const { app, input, adapter, shown } = setup(false, {}, tempDir());
    const done = adapter.start();
    input.end('/abtest list\n');
    await done;
    expect(shown()).toMatch(/^\[simulated answer from/);
    expect(app.store.pendingDecisions(Number.MAX_SAFE_INTEGER)).toHaveLength(1);
  });
});
