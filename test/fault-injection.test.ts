import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../bandits/rng.js';
import { createApp } from '../bot/app.js';
import { loadConfig } from '../config/index.js';
import type { Arm } from '../router/arm.js';
import { createAnthropicModel } from '../router/providers/anthropic.js';
import { createOpenAiModel } from '../router/providers/openai.js';
import { createLogger, createMetrics } from '../telemetry/index.js';
import { FAKE_ANTHROPIC_API_KEY, startFakeAnthropic } from './fakes/fake-anthropic.js';
import { answer, startFakeOpenAi } from './fakes/fake-openai.js';
import type { Scenario } from './providers/language-model-conformance.js';

const REQUESTS = 2000;
const FAULT_RATE = 0.3;
const TIMEOUT_MS = 100;
const FAULTS: Scenario[] = [
  { kind: 'server-error' }, { kind: 'rate-limit', retryAfterSeconds: 0 }, { kind: 'timeout' },
  { kind: 'reset-mid-stream', text: 'half an answer that never ends' }, { kind: 'malformed' },
];

describe('fault injection: two of four arms fail 30 % of the time', () => {
  it(`answers at least 99.9 % of ${REQUESTS} requests, counts every failure, and closes every reward`, async () => {
    const healthyA = await startFakeOpenAi();
    const healthyB = await startFakeAnthropic({ apiKey: FAKE_ANTHROPIC_API_KEY });
    healthyA.next({ kind: 'success', text: 'fine answer', inputTokens: 50, outputTokens: 10 });
    healthyB.next({ kind: 'success', text: 'another fine answer', inputTokens: 50, outputTokens: 12 });
    const faults = new Map<string, number>();
    const flaky = async (seed: number) => {
      const rng = Sfc32.fromSeed(seed);
      const fake = await startFakeOpenAi();
      fake.answerWith((req, res) => {
        if (rng.next() >= FAULT_RATE) return answer({ kind: 'success', text: 'flaky but fine', inputTokens: 40, outputTokens: 8 }, req, res);
        const fault = FAULTS[Math.floor(rng.next() * FAULTS.length)]!;
        faults.set(fault.kind, (faults.get(fault.kind) ?? 0) + 1);
        return answer(fault, req, res);
      });
      return fake;
    };
    const flakyA = await flaky(1);
    const flakyB = await flaky(2);
    const arms: Arm[] = [
      { name: 'openai:healthy', model: createOpenAiModel({ apiKey: 'k', baseUrl: `${healthyA.url}/v1`, model: 'healthy', timeoutMs: TIMEOUT_MS }), price: { inputPerMillion: 1, outputPerMillion: 2 }, timeoutMs: TIMEOUT_MS },
      { name: 'anthropic:healthy', model: createAnthropicModel({ apiKey: FAKE_ANTHROPIC_API_KEY, baseUrl: healthyB.url, model: 'healthy', timeoutMs: TIMEOUT_MS }), price: { inputPerMillion: 1, outputPerMillion: 2 }, timeoutMs: TIMEOUT_MS },
      { name: 'local:flaky-a', model: createOpenAiModel({ provider: 'local', baseUrl: `${flakyA.url}/v1`, model: 'flaky-a', timeoutMs: TIMEOUT_MS }), price: { inputPerMillion: 0, outputPerMillion: 0 }, timeoutMs: TIMEOUT_MS },
      { name: 'local:flaky-b', model: createOpenAiModel({ provider: 'local', baseUrl: `${flakyB.url}/v1`, model: 'flaky-b', timeoutMs: TIMEOUT_MS }), price: { inputPerMillion: 0, outputPerMillion: 0 }, timeoutMs: TIMEOUT_MS },
    ];
    const config = loadConfig({ env: { DATABASE_PATH: ':memory:', FEEDBACK_WINDOW_SECONDS: '1', ROUTER_RETRY_BASE_MS: '1', SWITCHBOARD_PROFILE: 'development' } });
    const metrics = createMetrics({ collectDefault: false });
    const app = createApp(config, { arms, metrics, logger: createLogger({ level: 'silent', secrets: [] }), policySeed: 9 });
    try {
      let answeredCount = 0;
      let byFallback = 0;
      const ids: string[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const result = await app.router.route({ platform: 'simulation', tenant: 't', channel: 'c', user: `u${i % 50}`, text: `question ${i} about topic ${i % 7}`, history: [] });
        if (!('error' in result)) answeredCount++;
        if (!('error' in result) && result.fallbackFrom) byFallback++;
        if (result.decisionId) ids.push(result.decisionId);
        if (i % 200 === 0) app.closer.closeDue();
      }
      expect(answeredCount / REQUESTS).toBeGreaterThanOrEqual(0.999);

      // Every failed attempt the fakes served is a non-success provider request in the metrics.
      const served = [...faults.values()].reduce((a, b) => a + b, 0);
      expect(served).toBeGreaterThan(50);
      const json = await metrics.registry.getMetricsAsJSON();
      const durations = json.find((m) => m.name === 'switchboard_provider_request_duration_seconds')!;
      const failedAttempts = (durations.values as Array<{ metricName?: string; labels: Record<string, string>; value: number }>)
        .filter((v) => v.metricName?.endsWith('_count') && v.labels['outcome'] !== 'success')
        .reduce((n, v) => n + v.value, 0);
      expect(failedAttempts).toBe(served);
      const counter = (name: string) => (json.find((m) => m.name === name)!.values as Array<{ value: number }>).reduce((n, v) => n + v.value, 0);
      // A failure is either retried (retries_total) or ends the arm's turn (errors_total).
      expect(counter('switchboard_retries_total') + counter('switchboard_errors_total')).toBe(served);
      expect(counter('switchboard_fallbacks_total')).toBe(byFallback);
      expect(byFallback).toBeGreaterThan(0);

      // No decision is left without a final reward once the window has passed.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      app.closer.closeDue();
      expect(app.store.pendingCount('routing')).toBe(0);
      expect(app.store.rewardsSince('routing', 0)).toHaveLength(ids.length);
      expect(ids).toHaveLength(REQUESTS);
    } finally {
      app.close();
      await Promise.all([healthyA, healthyB, flakyA, flakyB].map((f) => f.close()));
    }
  }, 120_000);
});
