import { randomUUID, randomInt } from 'node:crypto';
import { hostname } from 'node:os';
import { hasProviderKeys, type Config } from '../config/index.js';
import { fnv1a32 } from '../experiments/stable-hash.js';
import { ExperimentEngine } from '../experiments/engine.js';
import type { Arm } from '../router/arm.js';
import { simulatedArms } from '../router/build-arms.js';
import { TenantBudget } from '../router/budget.js';
import { CircuitBreaker } from '../router/circuit-breaker.js';
import { configuredArms } from '../router/configured-arms.js';
import { VirtualClock, systemClock, type Clock } from '../router/clock.js';
import { FEATURE_DIMENSIONS } from '../router/features.js';
import { PolicyKeeper } from '../router/policy-keeper.js';
import { RewardCloser } from '../router/reward-closer.js';
import { SimulatedModel } from '../router/providers/simulated.js';
import { Router } from '../router/route.js';
import { buildRoutingPolicy, withOverrides } from '../router/routing-policy.js';
import { VariantServing } from '../router/variant-serving.js';
import { AutoTuner } from '../optimizer/loop/auto-tuner.js';
import type { Tuner } from '../optimizer/loop/tune-types.js';
import { workerTuner } from '../optimizer/loop/worker-tuner.js';
import { buildPilot } from '../pilot/build-pilot.js';
import type { PilotService } from '../pilot/pilot-service.js';
import { openSqliteStore } from '../store/index.js';
import type { FeedbackRecord, RewardRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { createLogger, createMetrics, type Logger, type Metrics } from '../telemetry/index.js';

/** The analysis domain's instructions: summaries of community topics for admins. */
export const ANALYSIS_PROMPT =
  'You summarize discussions of an online community for its moderators: factual, neutral, at most two sentences, no preamble.';

export const SYSTEM_PROMPT =
  'You are Switchboard, a helpful assistant in a community chat. Answer clearly and concisely; use Markdown code blocks for code.';

export interface AppOverrides {
  clock?: Clock;
  logger?: Logger;
  metrics?: Metrics;
  arms?: Arm[];
  /** Seed of the policy's exploration draws; random per process unless given. */
  policySeed?: number;
  newId?: () => string;
  onRewardClosed?: (reward: RewardRecord) => void;
  /** The optimizer's tuning pass; a worker thread unless given. */
  tune?: Tuner;
}

/** Everything one Switchboard process runs on, assembled from the config. Adapters and the HTTP server sit on top. */
export interface App {
  config: Config;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  store: Store;
  arms: Arm[];
  /** True when the arms are the simulated providers (no provider keys configured). */
  simulated: boolean;
  /** Start-up advice for the operator (e.g. a model with no price), also logged. */
  warnings: string[];
  keeper: PolicyKeeper;
  closer: RewardCloser;
  router: Router;
  /** /abtest's engine; the router consults the same store, so both always agree. */
  experiments: ExperimentEngine;
  /** Experiment variants' and promoted policies, beside the keeper's shared one. */
  serving: VariantServing;
  /** The `analysis` domain's bandit and router: it picks the provider that writes pilot summaries. */
  analysisRouter: Router;
  pilot: PilotService;
  /** The autonomous optimizer: tunes each community's bandit from its logs and runs the canaries. */
  optimizer: AutoTuner;
  /** Snapshots the policies, stops pilot worker threads and closes the store (await `pilot.close()` first to let runs finish). */
  close(): void;
}

export function createApp(config: Config, overrides: AppOverrides = {}): App {
  // SIMULATION_REALTIME=false: simulated latency passes on a virtual clock, so scripted runs are instant.
  const clock = overrides.clock ?? (config.simulation.realtime ? systemClock : new VirtualClock(Date.now()));
  const logger = overrides.logger ?? createLogger({ level: config.log.level, secrets: config.secrets });
  const metrics = overrides.metrics ?? createMetrics();
  // Simulated providers only when no real one is configured: never silently instead of real keys.
  const configured = !overrides.arms && hasProviderKeys(config) ? configuredArms(config) : undefined;
  const arms = overrides.arms ?? configured?.arms ?? simulatedArms({ seed: config.simulation.seed, clock });
  for (const warning of configured?.warnings ?? []) logger.warn(warning);
  const store = openSqliteStore(config.store.databasePath);
  const seed = overrides.policySeed ?? randomInt(2 ** 31);
  const keeper = new PolicyKeeper({
    domain: 'routing',
    arms: arms.map((a) => a.name),
    dimensions: FEATURE_DIMENSIONS,
    store,
    logger,
    now: () => clock.now(),
    build: (restored) => buildRoutingPolicy(config.bandit, arms.length, FEATURE_DIMENSIONS, seed, restored),
  });
  const analysisKeeper = new PolicyKeeper({
    domain: 'analysis', arms: arms.map((a) => a.name), dimensions: FEATURE_DIMENSIONS, store, logger, now: () => clock.now(),
    build: (restored) => buildRoutingPolicy(config.bandit, arms.length, FEATURE_DIMENSIONS, (seed ^ 0x5eed) >>> 0, restored),
  });
  const countActive = () => metrics.experimentsActive.set(store.experiments.countRunning());
  const experiments = new ExperimentEngine({
    store: store.experiments, arms: arms.map((a) => a.name), now: () => clock.now(),
    onChange: countActive,
    onAssign: (experiment, variant) => metrics.experimentAssignments.inc({ experiment, variant }),
  });
  countActive();
  const serving = new VariantServing({
    engine: experiments, store: store.experiments, arms: arms.map((a) => a.name), dimensions: FEATURE_DIMENSIONS, logger,
    // Each variant explores with its own stream, reproducible from the policy seed.
    build: (overrides, version) => buildRoutingPolicy(withOverrides(config.bandit, overrides), arms.length, FEATURE_DIMENSIONS, (seed ^ fnv1a32(version)) >>> 0),
  });
  // Decisions left pending by an earlier run count too: they close on the first sweep.
  for (const domain of ['routing', 'analysis'] as const) metrics.pendingRewards.set({ domain }, store.pendingCount(domain));
  const closer = new RewardCloser({
    store,
    keepers: new Map([['routing', keeper], ['analysis', analysisKeeper]]),
    weights: config.reward,
    windowMs: config.reward.feedbackWindowSeconds * 1000,
    now: () => clock.now(),
    metrics,
    logger,
    ...(overrides.onRewardClosed ? { onClosed: overrides.onRewardClosed } : {}),
    onLearned: (policyVersion, reward) => serving.learn(policyVersion, reward),
  });
  const circuit = new CircuitBreaker({
    failureThreshold: config.router.circuitFailureThreshold,
    cooldownMs: config.router.circuitCooldownMs,
    maxCooldownMs: config.router.circuitMaxCooldownMs,
    now: () => clock.now(),
    onChange: (arm, state) => {
      metrics.circuitState.set({ arm }, state === 'open' ? 2 : state === 'half-open' ? 1 : 0);
      logger.warn({ arm, state }, state === 'open' ? 'provider cooling down after repeated failures' : 'provider recovered');
    },
  });
  for (const arm of arms) metrics.circuitState.set({ arm: arm.name }, 0);
  const budget = new TenantBudget({ dailyUsd: config.budget.dailyUsd, action: config.budget.action, store, metrics, now: () => clock.now() });
  const routerOptions = {
    arms, store, metrics, logger, clock, circuit, budget,
    newId: overrides.newId ?? randomUUID,
    logMessageText: config.log.messageText,
    retry: { maxRetries: config.router.maxRetries, baseDelayMs: config.router.retryBaseMs, maxDelayMs: config.router.retryMaxMs },
    feedbackWindowMs: config.reward.feedbackWindowSeconds * 1000,
    feedback: (record: FeedbackRecord) => closer.feedback(record),
    random: Math.random,
  };
  const analysisRouter = new Router({ ...routerOptions, keeper: analysisKeeper, domain: 'analysis', systemPrompt: ANALYSIS_PROMPT });
  const pilotParts = buildPilot({ config, store, metrics, logger, clock, analysisRouter, newId: routerOptions.newId });
  // Analysis turns share the arms, circuit breaker and budget with answers, but learn in their own bandit.
  const router = new Router({ ...routerOptions, keeper, systemPrompt: SYSTEM_PROMPT, serving, retrieval: pilotParts.retrieval });
  const settings = config.optimizer;
  const optimizer = new AutoTuner({
    store, engine: experiments, tune: overrides.tune ?? workerTuner(config, logger), metrics: metrics.optimizer, logger,
    now: () => clock.now(), newId: routerOptions.newId, holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    settings: {
      enabled: settings.enabled, intervalMs: settings.intervalMs, afterRewards: settings.afterRewards, minRewards: settings.minRewards,
      maxLogs: settings.maxLogs, trials: settings.trials, canaryShare: settings.canaryShare, confidence: settings.deployConfidence,
      tolerance: settings.rollbackTolerance, minSamples: settings.canaryMinRequests, maxAgeMs: settings.canaryMaxAgeMs,
    },
  });
  return {
    config, clock, logger, metrics, store, arms, keeper, closer, router, experiments, serving, analysisRouter, pilot: pilotParts.service, optimizer,
    simulated: arms.every((a) => a.model instanceof SimulatedModel),
    warnings: configured?.warnings ?? [],
    close() {
      pilotParts.service.stopWorkers();
      keeper.snapshot();
      analysisKeeper.snapshot();
      store.close();
    },
  };
}
