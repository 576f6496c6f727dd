import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from './http-server.js';
import { createLogger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';

const DOCUMENTED = [
  'switchboard_decisions_total',
  'switchboard_provider_request_duration_seconds',
  'switchboard_rewards_total',
  'switchboard_reward',
  'switchboard_feedback_total',
  'switchboard_errors_total',
  'switchboard_fallbacks_total',
  'switchboard_pending_rewards',
  'switchboard_cost_usd_total',
  'switchboard_tokens_total',
  'switchboard_retries_total',
  'switchboard_arm_circuit_state',
  'switchboard_budget_remaining_usd',
  'switchboard_budget_exhausted_total',
  'switchboard_experiment_assignments_total',
  'switchboard_experiment_exposures_total',
  'switchboard_experiments_active',
  'switchboard_pilot_runs_total',
  'switchboard_pilot_steps_total',
  'switchboard_pilot_step_duration_seconds',
  'switchboard_pilot_run_duration_seconds',
  'switchboard_pilot_runs_in_flight',
  'switchboard_pilot_runs_degraded_total',
  'switchboard_retrievals_total',
  'switchboard_optimizer_runs_total',
  'switchboard_optimizer_deployments_total',
  'switchboard_optimizer_best_objective',
  'switchboard_optimizer_canaries_active',
];

/** Touches every metric with realistic labels so each one appears in the exposition. */
function exercise(m: Metrics): void {
  m.decisions.inc({ domain: 'routing', arm: 'openai:gpt-4o-mini' });
  m.providerRequestDuration.observe({ provider: 'openai', model: 'gpt-4o-mini', outcome: 'success' }, 0.42);
  m.providerRequestDuration.observe({ provider: 'anthropic', model: 'claude', outcome: 'timeout' }, 30);
  m.rewards.inc({ domain: 'routing', arm: 'openai:gpt-4o-mini' });
  m.rewardValue.observe({ domain: 'routing', arm: 'openai:gpt-4o-mini' }, 0.8);
  m.feedback.inc({ kind: 'up', source: 'discord' });
  m.errors.inc({ component: 'router', kind: 'provider_timeout' });
  m.fallbacks.inc({ domain: 'routing', from_arm: 'anthropic:claude', to_arm: 'openai:gpt-4o-mini' });
  m.pendingRewards.set({ domain: 'routing' }, 3);
  m.costUsd.inc({ provider: 'openai', model: 'gpt-4o-mini' }, 0.00042);
  m.tokens.inc({ provider: 'openai', model: 'gpt-4o-mini', direction: 'input' }, 120);
  m.tokens.inc({ provider: 'openai', model: 'gpt-4o-mini', direction: 'output' }, 80);
  m.retries.inc({ provider: 'openai', model: 'gpt-4o-mini', kind: 'rate_limit' });
  m.circuitState.set({ arm: 'openai:gpt-4o-mini' }, 2);
  m.budgetRemaining.set({ tenant: 'guild-1' }, 4.25);
  m.budgetExhausted.inc({ tenant: 'guild-1', action: 'cheapest' });
  m.experimentAssignments.inc({ experiment: 'cheaper-models', variant: 'B' });
  m.experimentExposures.inc({ experiment: 'cheaper-models', variant: 'B' });
  m.experimentsActive.set(1);
  m.pilot.runs.inc({ status: 'completed' });
  m.pilot.steps.inc({ step: 'embed', status: 'completed' });
  m.pilot.stepDuration.observe({ step: 'embed' }, 0.8);
  m.pilot.runDuration.observe(2.5);
  m.pilot.inFlight.set(1);
  m.pilot.degraded.inc({ reason: 'fallback_sequential' });
  m.pilot.retrievals.inc({ outcome: 'used' });
  m.optimizer.runs.inc({ trigger: 'schedule', outcome: 'deployed' });
  m.optimizer.deployments.inc({ outcome: 'rolled-back' });
  m.optimizer.bestObjective.set({ tenant: 'guild-1' }, 0.42);
  m.optimizer.canaries.set(1);
}

describe('createMetrics', () => {
  it('registers every documented metric in its own registry', async () => {
    const m = createMetrics({ collectDefault: false });
    exercise(m);
    const names = (await m.registry.getMetricsAsJSON()).map((metric) => metric.name).sort();
    expect(names).toEqual([...DOCUMENTED].sort());
    const text = await m.registry.metrics();
    for (const name of DOCUMENTED) expect(text).toContain(`# TYPE ${name} `);
    expect(text).toContain('switchboard_decisions_total{domain="routing",arm="openai:gpt-4o-mini"} 1');
    expect(text).toContain('switchboard_reward_bucket{le="-2",domain="routing",arm="openai:gpt-4o-mini"} 0');
    expect(text).toContain('switchboard_provider_request_duration_seconds_bucket{le="64",');
  });

  it('keeps instances independent and collects default process metrics without prefix', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.decisions.inc({ domain: 'routing', arm: 'x' });
    const textB = await b.registry.metrics();
    expect(textB).not.toContain('switchboard_decisions_total{');
    expect(textB).toContain('process_cpu_user_seconds_total');
    expect(textB).toContain('nodejs_heap_size_used_bytes');
    expect(textB).toContain('nodejs_active_handles');
    expect(textB).not.toContain('nodejs_active_handles_total');
  });
});

describe('promtool check metrics', () => {
  let server: HttpServer;
  let port: number;

  beforeAll(async () => {
    const sink = new Writable({ write: (_c, _e, done) => done() });
    const metrics = createMetrics();
    exercise(metrics);
    server = createHttpServer({ logger: createLogger({ level: 'silent', secrets: [], destination: sink }), metrics });
    port = await server.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await server.close();
  });

  it('finds no problems in the /metrics exposition', async () => {
    const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const result = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });
    if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'promtool is not on PATH. Install it (Debian/Ubuntu: `apt-get install --no-install-recommends prometheus`) ' +
          'to lint the /metrics exposition.',
      );
    }
    const output = `${result.stdout}${result.stderr}`.trim();
    expect({ status: result.status, output }).toEqual({ status: 0, output: '' });
  });
});
