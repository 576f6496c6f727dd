import { randomUUID, randomInt } from 'node:crypto';
import { ConfigError, hasProviderKeys, type Config } from '../config/index.js';
import type { Arm } from '../router/arm.js';
import { simulatedArms } from '../router/build-arms.js';
import { VirtualClock, systemClock, type Clock } from '../router/clock.js';
import { FEATURE_DIMENSIONS } from '../router/features.js';
import { PolicyKeeper } from '../router/policy-keeper.js';
import { RewardCloser } from '../router/reward-closer.js';
import { SimulatedModel } from '../router/providers/simulated.js';
import { Router } from '../router/route.js';
import { buildRoutingPolicy } from '../router/routing-policy.js';
import { openSqliteStore } from '../store/index.js';
import type { RewardRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { createLogger, createMetrics, type Logger, type Metrics } from '../telemetry/index.js';

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
  keeper: PolicyKeeper;
  closer: RewardCloser;
  router: Router;
  close(): void;
}

export function createApp(config: Config, overrides: AppOverrides = {}): App {
  // SIMULATION_REALTIME=false: simulated latency passes on a virtual clock, so scripted runs are instant.
  const clock = overrides.clock ?? (config.simulation.realtime ? systemClock : new VirtualClock(Date.now()));
  const logger = overrides.logger ?? createLogger({ level: config.log.level, secrets: config.secrets });
  const metrics = overrides.metrics ?? createMetrics();
  if (!overrides.arms && hasProviderKeys(config)) {
    throw new ConfigError([
      'Provider keys are configured, but this build has only the simulated providers; unset OPENAI_API_KEY, ' +
        'ANTHROPIC_API_KEY, GEMINI_API_KEY and LOCAL_LLM_BASE_URL to run on them.',
    ]);
  }
  const arms = overrides.arms ?? simulatedArms({ seed: config.simulation.seed, clock });
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
  // Decisions left pending by an earlier run count too: they close on the first sweep.
  metrics.pendingRewards.set({ domain: 'routing' }, store.pendingCount('routing'));
  const closer = new RewardCloser({
    store,
    keepers: new Map([['routing', keeper]]),
    weights: config.reward,
    windowMs: config.reward.feedbackWindowSeconds * 1000,
    now: () => clock.now(),
    metrics,
    logger,
    ...(overrides.onRewardClosed ? { onClosed: overrides.onRewardClosed } : {}),
  });
  const router = new Router({
    arms, keeper, store, metrics, logger, clock,
    newId: overrides.newId ?? randomUUID,
    systemPrompt: SYSTEM_PROMPT,
    logMessageText: config.log.messageText,
  });
  return {
    config, clock, logger, metrics, store, arms, keeper, closer, router,
    simulated: arms.every((a) => a.model instanceof SimulatedModel),
    close() {
      keeper.snapshot();
      store.close();
    },
  };
}
