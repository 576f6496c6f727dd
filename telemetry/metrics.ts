import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { createOptimizerMetrics, type OptimizerMetrics } from './optimizer-metrics.js';
import { createPilotMetrics, type PilotMetrics } from './pilot-metrics.js';

export interface MetricsOptions {
  /** Standard process_* and nodejs_* metrics; default true. */
  collectDefault?: boolean;
}

export type ProviderOutcome = 'success' | 'error' | 'timeout';
export type FeedbackKind = 'up' | 'down' | 'wrong' | 'regenerate';
export type TokenDirection = 'input' | 'output';

export interface Metrics {
  /** Owned per instance (not prom-client's global) so tests and tools can build several. */
  readonly registry: Registry;
  readonly decisions: Counter<'domain' | 'arm'>;
  readonly providerRequestDuration: Histogram<'provider' | 'model' | 'outcome'>;
  readonly rewards: Counter<'domain' | 'arm'>;
  readonly rewardValue: Histogram<'domain' | 'arm'>;
  readonly feedback: Counter<'kind' | 'source'>;
  readonly errors: Counter<'component' | 'kind'>;
  readonly fallbacks: Counter<'domain' | 'from_arm' | 'to_arm'>;
  readonly pendingRewards: Gauge<'domain'>;
  readonly costUsd: Counter<'provider' | 'model'>;
  readonly tokens: Counter<'provider' | 'model' | 'direction'>;
  readonly retries: Counter<'provider' | 'model' | 'kind'>;
  /** 0 closed, 1 half-open (the next request is a probe), 2 open (cooling down). */
  readonly circuitState: Gauge<'arm'>;
  readonly budgetRemaining: Gauge<'tenant'>;
  readonly budgetExhausted: Counter<'tenant' | 'action'>;
  readonly experimentAssignments: Counter<'experiment' | 'variant'>;
  readonly experimentExposures: Counter<'experiment' | 'variant'>;
  /** Running experiments over all tenants; the app sets how it is read at scrape time. */
  readonly experimentsActive: Gauge;
  /** The pilot pipeline's runs, steps and retrieval (pilot-metrics.ts). */
  readonly pilot: PilotMetrics;
  /** The autonomous optimizer's runs, canaries and best objective (optimizer-metrics.ts). */
  readonly optimizer: OptimizerMetrics;
}

/** From a fast local model to a long reasoning answer, which can take a minute. */
export const PROVIDER_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];

/** Closed rewards are bounded; the buckets straddle zero so bad arms stay visible. */
export const REWARD_BUCKETS = [-2, -1.5, -1, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.5, 2];

const NON_CONFORMING_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];

  const metrics: Metrics = {
    registry,
    decisions: new Counter({
      name: 'switchboard_decisions_total',
      help: 'Decisions made by the bandit, by domain and chosen arm.',
      labelNames: ['domain', 'arm'] as const,
      registers,
    }),
    providerRequestDuration: new Histogram({
      name: 'switchboard_provider_request_duration_seconds',
      help: 'Duration of provider requests in seconds, by provider, model and outcome (success, error or timeout).',
      labelNames: ['provider', 'model', 'outcome'] as const,
      buckets: PROVIDER_DURATION_BUCKETS,
      registers,
    }),
    rewards: new Counter({
      name: 'switchboard_rewards_total',
      help: 'Rewards closed (feedback window ended and policy updated), by domain and arm.',
      labelNames: ['domain', 'arm'] as const,
      registers,
    }),
    rewardValue: new Histogram({
      name: 'switchboard_reward',
      help: 'Values of closed rewards, by domain and arm.',
      labelNames: ['domain', 'arm'] as const,
      buckets: REWARD_BUCKETS,
      registers,
    }),
    feedback: new Counter({
      name: 'switchboard_feedback_total',
      help: 'User feedback received, by kind (up, down, wrong, regenerate) and source.',
      labelNames: ['kind', 'source'] as const,
      registers,
    }),
    errors: new Counter({
      name: 'switchboard_errors_total',
      help: 'Errors by component and kind.',
      labelNames: ['component', 'kind'] as const,
      registers,
    }),
    fallbacks: new Counter({
      name: 'switchboard_fallbacks_total',
      help: 'Fallbacks from a failed arm to the next arm by score, by domain.',
      labelNames: ['domain', 'from_arm', 'to_arm'] as const,
      registers,
    }),
    retries: new Counter({
      name: 'switchboard_retries_total',
      help: 'Provider requests retried after a retryable error, by provider, model and error kind.',
      labelNames: ['provider', 'model', 'kind'] as const,
      registers,
    }),
    circuitState: new Gauge({
      name: 'switchboard_arm_circuit_state',
      help: 'Circuit breaker state per arm: 0 closed, 1 half-open (next request probes), 2 open (cooling down).',
      labelNames: ['arm'] as const,
      registers,
    }),
    budgetRemaining: new Gauge({
      name: 'switchboard_budget_remaining_usd',
      help: "What is left of a tenant's daily budget in USD (only tenants with a budget and traffic today).",
      labelNames: ['tenant'] as const,
      registers,
    }),
    budgetExhausted: new Counter({
      name: 'switchboard_budget_exhausted_total',
      help: 'Requests that arrived after their tenant had spent its daily budget, by what was done (cheapest or refuse).',
      labelNames: ['tenant', 'action'] as const,
      registers,
    }),
    experimentAssignments: new Counter({
      name: 'switchboard_experiment_assignments_total',
      help: 'Turns assigned to a variant of a running experiment, by experiment and variant.',
      labelNames: ['experiment', 'variant'] as const,
      registers,
    }),
    experimentExposures: new Counter({
      name: 'switchboard_experiment_exposures_total',
      help: 'Decisions recorded as exposures of a variant (served and logged), by experiment and variant.',
      labelNames: ['experiment', 'variant'] as const,
      registers,
    }),
    experimentsActive: new Gauge({
      name: 'switchboard_experiments_active',
      help: 'Experiments running now, over all communities.',
      registers,
    }),
    pendingRewards: new Gauge({
      name: 'switchboard_pending_rewards',
      help: 'Decisions waiting for their reward window to close, by domain.',
      labelNames: ['domain'] as const,
      registers,
    }),
    costUsd: new Counter({
      name: 'switchboard_cost_usd_total',
      help: 'Provider cost in US dollars, by provider and model.',
      labelNames: ['provider', 'model'] as const,
      registers,
    }),
    tokens: new Counter({
      name: 'switchboard_tokens_total',
      help: 'Tokens processed by providers, by provider, model and direction (input or output).',
      labelNames: ['provider', 'model', 'direction'] as const,
      registers,
    }),
    pilot: createPilotMetrics(registers),
    optimizer: createOptimizerMetrics(registers),
  };

  if (opts.collectDefault ?? true) {
    collectDefaultMetrics({ register: registry, prefix: '' });
    // These gauges break the Prometheus naming rule (`_total` is for counters, promtool flags
    // them) and only sum the per-type nodejs_active_handles/requests/resources gauges.
    for (const name of NON_CONFORMING_DEFAULTS) registry.removeSingleMetric(name);
  }
  return metrics;
}
