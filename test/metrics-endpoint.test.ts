import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../bot/app.js';
import { loadConfig } from '../config/index.js';
import { simulatedArms } from '../router/build-arms.js';
import { VirtualClock } from '../router/clock.js';
import { answered } from './answered.js';
import { createHttpServer, createLogger, createMetrics, type HttpServer } from '../telemetry/index.js';

let app: App | undefined;
let http: HttpServer | undefined;
afterEach(async () => {
  await http?.close();
  app?.close();
});

describe('/metrics on a running app', () => {
  it('serves the documented metrics with the labels of real traffic', async () => {
    const clock = new VirtualClock();
    const config = loadConfig({ env: { DATABASE_PATH: ':memory:', FEEDBACK_WINDOW_SECONDS: '60' } });
    const logger = createLogger({ level: 'silent', secrets: [] });
    const metrics = createMetrics();
    app = createApp(config, {
      clock, logger, metrics, policySeed: 1,
      arms: simulatedArms({ seed: 1, clock, errorRates: { 'openai-sim': 1 } }),
    });
    for (let i = 0; i < 40; i++) {
      const r = answered(await app.router.route({ platform: 'console', tenant: 't', channel: 'c', user: 'u', text: `what is ${i}*3?`, history: [] }));
      app.closer.feedback({ decisionId: r.decisionId, kind: 'up', source: 'console', user: 'u', createdAt: clock.now() });
    }
    clock.advance(61_000);
    app.closer.closeDue();

    http = createHttpServer({ logger, metrics });
    const port = await http.listen(0, '127.0.0.1');
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();
    const value = (pattern: RegExp) => Number(body.match(pattern)?.[1] ?? Number.NaN);

    const decisions = [...body.matchAll(/^switchboard_decisions_total\{domain="routing",arm="[a-z-]+"\} (\d+)$/gm)];
    expect(decisions.reduce((n, m) => n + Number(m[1]), 0)).toBe(40);
    expect(value(/^switchboard_rewards_total\{domain="routing",arm="gemini-sim"\} (\d+)$/m)).toBeGreaterThan(0);
    expect(body).toMatch(/^switchboard_reward_bucket\{le="1",domain="routing",arm="[a-z-]+"\} \d+$/m);
    expect(body).toMatch(/^switchboard_provider_request_duration_seconds_count\{provider="gemini-sim",model="sim-gemini",outcome="success"\} \d+$/m);
    expect(body).toMatch(/^switchboard_feedback_total\{kind="up",source="console"\} 40$/m);
    expect(value(/^switchboard_pending_rewards\{domain="routing"\} (\d+)$/m)).toBe(0);
    expect(body).toMatch(/^switchboard_tokens_total\{provider="[a-z-]+",model="[a-z-]+",direction="output"\} \d+$/m);
    expect(body).toMatch(/^switchboard_cost_usd_total\{/m);
    expect(body).toMatch(/^process_resident_memory_bytes \d+/m);
    // openai-sim always fails in this run: its failures are errors, fallbacks and error-outcome durations.
    // (Exploration picks it a few times in 40 requests with this seed.)
    expect(decisions.some((m) => m[0].includes('openai-sim'))).toBe(true);
    expect(value(/^switchboard_errors_total\{component="provider",kind="server"\} (\d+)$/m)).toBeGreaterThan(0);
    expect(body).toMatch(/^switchboard_fallbacks_total\{domain="routing",from_arm="openai-sim",to_arm="[a-z-]+"\} \d+$/m);
    expect(body).toMatch(/^switchboard_provider_request_duration_seconds_count\{provider="openai-sim",model="sim-gpt",outcome="error"\} \d+$/m);
  });
});
