import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../bot/app.js';
import { ConsoleAdapter } from '../bot/console.js';
import { loadConfig } from '../config/index.js';
import { createLogger } from '../telemetry/index.js';
import { FAKE_ANTHROPIC_API_KEY, startFakeAnthropic } from './fakes/fake-anthropic.js';
import { FAKE_GEMINI_API_KEY, startFakeGemini } from './fakes/fake-gemini.js';
import { startFakeOpenAi } from './fakes/fake-openai.js';
import type { FakeProvider } from './providers/language-model-conformance.js';

const OPENAI_KEY = 'sk-test-openai-e2e-0000';

describe('end to end through the console adapter, real SDKs against fake provider APIs', () => {
  let fakes: FakeProvider[];
  let app: App;

  beforeAll(async () => {
    const [openai, anthropic, gemini, local] = await Promise.all([
      startFakeOpenAi({ apiKey: OPENAI_KEY }), startFakeAnthropic({ apiKey: FAKE_ANTHROPIC_API_KEY }),
      startFakeGemini({ apiKey: FAKE_GEMINI_API_KEY }), startFakeOpenAi(),
    ]);
    fakes = [openai, anthropic, gemini, local];
    openai.next({ kind: 'success', text: 'From the OpenAI fake, in pieces.', inputTokens: 100, outputTokens: 20 });
    anthropic.next({ kind: 'success', text: 'From the Anthropic fake, in pieces.', inputTokens: 110, outputTokens: 30 });
    gemini.next({ kind: 'success', text: 'From the Gemini fake, in pieces.', inputTokens: 90, outputTokens: 25 });
    local.next({ kind: 'success', text: 'From the local Llama fake, in pieces.', inputTokens: 80, outputTokens: 40 });
    const config = loadConfig({
      env: {
        DATABASE_PATH: ':memory:', FEEDBACK_WINDOW_SECONDS: '1',
        OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: `${openai.url}/v1`,
        ANTHROPIC_API_KEY: FAKE_ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL: anthropic.url,
        GEMINI_API_KEY: FAKE_GEMINI_API_KEY, GEMINI_BASE_URL: gemini.url,
        LOCAL_LLM_BASE_URL: `${local.url}/v1`, LOCAL_LLM_MODEL: 'llama3.1',
      },
    });
    app = createApp(config, { logger: createLogger({ level: 'silent', secrets: config.secrets }), policySeed: 4 });
  });

  afterAll(async () => {
    app.close();
    await Promise.all(fakes.map((f) => f.close()));
  });

  it('answers with the configured (provider, model) arms, records costs and latencies, closes rewards and learns', async () => {
    expect(app.simulated).toBe(false);
    expect(app.arms.map((a) => a.name)).toEqual(['openai:gpt-4o-mini', 'anthropic:claude-3-5-haiku-latest', 'gemini:gemini-2.0-flash', 'local:llama3.1']);
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (d: Buffer) => (written += d));
    const adapter = new ConsoleAdapter({ router: app.router, closer: app.closer, clock: app.clock, input, output, notes: new PassThrough(), interactive: false, json: true });
    const done = adapter.start();
    input.end(Array.from({ length: 24 }, (_, i) => `question number ${i}: what is ${i}*3?`).join('\n') + '\n');
    await done;

    const lines = written.trim().split('\n').map((l) => JSON.parse(l) as { text: string; arm: string; costUsd: number; latencyMs: number; decisionId: string });
    expect(lines).toHaveLength(24);
    const texts: Record<string, string> = {
      'openai:gpt-4o-mini': 'From the OpenAI fake, in pieces.', 'anthropic:claude-3-5-haiku-latest': 'From the Anthropic fake, in pieces.',
      'gemini:gemini-2.0-flash': 'From the Gemini fake, in pieces.', 'local:llama3.1': 'From the local Llama fake, in pieces.',
    };
    const costs: Record<string, number> = {
      'openai:gpt-4o-mini': (100 * 0.15 + 20 * 0.6) / 1e6, 'anthropic:claude-3-5-haiku-latest': (110 * 0.8 + 30 * 4) / 1e6,
      'gemini:gemini-2.0-flash': (90 * 0.1 + 25 * 0.4) / 1e6, 'local:llama3.1': 0,
    };
    for (const line of lines) {
      expect(line.text).toBe(texts[line.arm]);
      expect(line.costUsd).toBeCloseTo(costs[line.arm]!, 12);
      expect(line.latencyMs).toBeGreaterThanOrEqual(0);
      const pending = app.store.pendingDecisions(Number.MAX_SAFE_INTEGER).find((p) => p.decision.id === line.decisionId)!;
      expect(pending.outcomes).toEqual([expect.objectContaining({ arm: line.arm, costUsd: line.costUsd, error: null, fallback: false })]);
    }
    // More than one provider was tried: the policy explores at first.
    expect(new Set(lines.map((l) => l.arm)).size).toBeGreaterThan(1);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(app.closer.closeDue()).toBe(24);
    expect(app.store.pendingCount('routing')).toBe(0);
    expect((app.keeper.policy.learner as unknown as { updates: number }).updates).toBe(24);
    const metrics = await app.metrics.registry.metrics();
    expect(metrics).toMatch(/switchboard_cost_usd_total\{provider="anthropic",model="claude-3-5-haiku-latest"\} [\d.e-]+/);
    expect(metrics).toMatch(/switchboard_rewards_total\{domain="routing",arm="[a-z]+:[a-z0-9.-]+"\} \d+/);
  });
});
