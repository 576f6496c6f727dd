import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../bot/app.js';
import { loadConfig } from '../config/index.js';
import type { Arm } from '../router/arm.js';
import { VirtualClock } from '../router/clock.js';
import type { ChatTurn } from '../router/chat-turn.js';
import { createLogger, createMetrics } from '../telemetry/index.js';
import { answered } from './answered.js';
import { ScriptedModel, type Step } from './scripted-model.js';
import { useTempDir } from './temp-dir.js';

const tempDir = useTempDir();

let app: App | undefined;
afterEach(() => app?.close());

const turn = (text = 'what is 2+2?', user = 'u'): ChatTurn => ({ platform: 'console', tenant: 'guild', channel: 'c', user, text, history: [] });

function setup(scripts: Record<string, Step[]>, env: Record<string, string> = {}) {
  const clock = new VirtualClock();
  const models = Object.fromEntries(Object.entries(scripts).map(([name, steps]) => [name, new ScriptedModel(name, steps, clock)]));
  const arms: Arm[] = Object.entries(models).map(([name, model], i) => ({ name, model, price: { inputPerMillion: i + 1, outputPerMillion: 2 * (i + 1) } }));
  const metrics = createMetrics({ collectDefault: false });
  app = createApp(
    loadConfig({ env: { DATABASE_PATH: ':memory:', FEEDBACK_WINDOW_SECONDS: '60', ROUTER_RETRY_BASE_MS: '100', ...env } }),
    { clock, arms, metrics, logger: createLogger({ level: 'silent', secrets: [] }), policySeed: 1 },
  );
  return { app, clock, models, metrics };
}

const value = async (app: App, name: string, labels: Record<string, string> = {}) => {
  const metric = (await app.metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? []).filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l)).reduce((n, v) => n + v.value, 0);
};

describe('the router under failures', () => {
  it('retries a rate-limited arm after its retry-after, and the wait counts as latency', async () => {
    const { app, models } = setup({ only: [{ fail: 'rate_limit', status: 429, retryAfter: 3 }, { answer: 'finally', ms: 200 }] });
    const result = answered(await app.router.route(turn()));
    expect(result.text).toBe('finally');
    expect(models['only']!.calls).toBe(2);
    expect(result.latencyMs).toBe(3200);
    expect(await value(app, 'switchboard_retries_total', { kind: 'rate_limit' })).toBe(1);
  });

  it('does not wait for a retry-after longer than the cap: the next arm answers, marked as a fallback', async () => {
    const { app, models } = setup({ slow: [{ fail: 'rate_limit', status: 429, retryAfter: 60 }], other: [{ answer: 'from other' }] }, { BANDIT_EPSILON: '0', BANDIT_EPSILON_FLOOR: '0' });
    let result;
    // Whichever arm the policy picks first, make it the failing one.
    do result = answered(await app.router.route(turn()));
    while (models['slow']!.calls === 0);
    expect(result.arm).toBe('other');
    expect(result.fallbackFrom).toBe('slow');
    const pending = app.store.pendingDecisions(Number.MAX_SAFE_INTEGER).find((p) => p.decision.id === result.decisionId)!;
    expect(pending.decision.arm).toBe('slow');
    expect(pending.outcomes.map((o) => [o.arm, o.error, o.fallback])).toEqual([['slow', 'rate_limit', false], ['other', null, true]]);
    expect(await value(app, 'switchboard_fallbacks_total', { from_arm: 'slow', to_arm: 'other' })).toBe(1);
  });

  it('never retries a client error', async () => {
    const { app, models } = setup({ bad: [{ fail: 'client', status: 400 }], good: [{ answer: 'ok' }] });
    for (let i = 0; i < 20; i++) answered(await app.router.route(turn()));
    expect(models['bad']!.calls).toBeGreaterThan(0);
    expect(await value(app, 'switchboard_retries_total')).toBe(0);
  });

  it('cools an arm down after repeated failures, probes it after the cooldown, and closes the circuit when it recovers', async () => {
    const down: Step[] = [{ fail: 'server', status: 500 }];
    const { app, clock, models } = setup(
      { flaky: [...down, ...down, ...down, ...down, ...down, ...down, ...down, ...down, ...down, { answer: 'back' }], steady: [{ answer: 'steady' }] },
      { ROUTER_MAX_RETRIES: '2', CIRCUIT_FAILURE_THRESHOLD: '3', CIRCUIT_COOLDOWN_SECONDS: '30', BANDIT_EPSILON: '1', BANDIT_EPSILON_FLOOR: '1' },
    );
    // ε = 1: the policy picks uniformly, so "flaky" keeps being chosen until its circuit opens.
    while ((await value(app, 'switchboard_arm_circuit_state', { arm: 'flaky' })) !== 2) answered(await app.router.route(turn()));
    expect(models['flaky']!.calls).toBe(9); // three failed turns of three attempts each
    for (let i = 0; i < 30; i++) expect(answered(await app.router.route(turn())).arm).toBe('steady');
    expect(models['flaky']!.calls).toBe(9);
    clock.advance(30_000);
    expect(await value(app, 'switchboard_arm_circuit_state', { arm: 'flaky' })).toBe(2);
    let probe;
    do probe = answered(await app.router.route(turn()));
    while (probe.arm !== 'flaky');
    expect(probe.text).toBe('back');
    expect(await value(app, 'switchboard_arm_circuit_state', { arm: 'flaky' })).toBe(0);
    // While it was open, decisions logged a propensity of 1 for steady: the mask is in the logged probabilities.
    const masked = app.store.pendingDecisions(Number.MAX_SAFE_INTEGER).filter((p) => p.decision.probabilities[0] === 0);
    expect(masked.length).toBeGreaterThanOrEqual(30);
    for (const p of masked) expect(p.decision.propensity).toBe(1);
  });

  it('tells the member clearly when every arm fails, and the failed decision still gets its reward', async () => {
    const { app, clock } = setup({ a: [{ fail: 'server', status: 503 }], b: [{ fail: 'timeout' }] }, { ROUTER_MAX_RETRIES: '0' });
    const result = await app.router.route(turn());
    expect('error' in result && result.error).toMatch(/^Sorry, no provider could answer right now \(scripted (server|timeout)\)/);
    clock.advance(61_000);
    expect(app.closer.closeDue()).toBe(1);
    const [reward] = app.store.rewardsSince('routing', 0);
    expect(reward!.components['error']).toBe(-1);
  });
});

describe('implicit feedback and budgets', () => {
  it('records a follow-up saying the answer was wrong against the previous answer of that member', async () => {
    const { app, clock } = setup({ a: [{ answer: 'it is 5' }] });
    const first = answered(await app.router.route(turn('what is 2+2?')));
    answered(await app.router.route(turn('what is 3+3?', 'someone-else')));
    answered(await app.router.route(turn("No, that's wrong. It is 4.")));
    clock.advance(61_000);
    const feedback = app.store.pendingDecisions(clock.now()).map((p) => [p.decision.id, p.feedback.map((f) => f.kind)]);
    expect(feedback.filter(([, kinds]) => (kinds as string[]).length > 0)).toEqual([[first.decisionId, ['wrong']]]);
  });

  it('routes to the cheapest arm once the tenant has spent its daily budget', async () => {
    const { app } = setup({ cheap: [{ answer: 'c' }], pricey: [{ answer: 'p' }] }, { TENANT_DAILY_BUDGET_USD: '0.0005', BANDIT_EPSILON: '1', BANDIT_EPSILON_FLOOR: '1' });
    // "cheap" costs (100·1 + 50·2)/1e6 = 0.0002 per answer, "pricey" (100·2 + 50·4)/1e6 = 0.0004.
    let spent = 0;
    while (spent < 0.0005) spent += answered(await app.router.route(turn())).costUsd;
    for (let i = 0; i < 10; i++) expect(answered(await app.router.route(turn())).arm).toBe('cheap');
    const last = app.store.pendingDecisions(Number.MAX_SAFE_INTEGER).at(-1)!.decision;
    expect([last.propensity, last.policyVersion]).toEqual([1, 'budget:cheapest']);
    expect(await value(app, 'switchboard_budget_exhausted_total', { tenant: 'guild', action: 'cheapest' })).toBe(10);
    expect(await value(app, 'switchboard_budget_remaining_usd', { tenant: 'guild' })).toBe(0);
    // Other communities are not affected.
    const other = await app.router.route({ ...turn(), tenant: 'other-guild' });
    expect('error' in other).toBe(false);
  });

  it('answers politely, without calling any provider, when the budget is spent and the action is refuse', async () => {
    const { app, models } = setup({ a: [{ answer: 'x' }] }, { TENANT_DAILY_BUDGET_USD: '0.0001', BUDGET_EXHAUSTED_ACTION: 'refuse' });
    answered(await app.router.route(turn()));
    const calls = models['a']!.calls;
    const refused = await app.router.route(turn());
    expect(refused).toEqual({ decisionId: null, error: expect.stringMatching(/AI budget for today is spent.*resets at 00:00 UTC/) });
    expect(models['a']!.calls).toBe(calls);
  });

  it('keeps a tenant’s spend across a restart', async () => {
    const env = { TENANT_DAILY_BUDGET_USD: '0.0003', BUDGET_EXHAUSTED_ACTION: 'refuse', DATABASE_PATH: join(tempDir(), 'sb.db') };
    const first = setup({ a: [{ answer: 'x' }] }, env);
    answered(await first.app.router.route(turn()));
    answered(await first.app.router.route(turn()));
    first.app.close();
    const second = setup({ a: [{ answer: 'x' }] }, env);
    // Two answers at 0.0002 each spent the 0.0003 budget before the restart.
    expect('error' in (await second.app.router.route(turn()))).toBe(true);
  });
});
