import { EpsilonGreedy } from '../bandits/exploration/epsilon-greedy.js';
import { Policy } from '../bandits/policy.js';
import { Sfc32, type Rng } from '../bandits/rng.js';
import { createApp, type App } from '../bot/app.js';
import type { Config } from '../config/index.js';
import { simulatedArms } from '../router/build-arms.js';
import { VirtualClock } from '../router/clock.js';
import type { SimulatedModel } from '../router/providers/simulated.js';
import { createLogger, createMetrics } from '../telemetry/index.js';
import { SIMULATED_PROFILES } from '../router/providers/simulated-catalog.js';
import { REQUEST_KINDS } from '../router/request-kind.js';
import { expectedReward } from './demo-oracle.js';
import { communityMessage } from './simulated-community.js';

export interface DemoOptions {
  config: Config;
  messages: number;
  window: number;
  seed: number;
  /** Share of answers that members rate at all. */
  rateShare?: number;
  /** Seconds between two messages of the community. */
  secondsBetweenMessages?: number;
}

export interface WindowReport {
  from: number;
  to: number;
  /** Per arm: share of the bandit's requests in this window and their mean reward. */
  arms: Record<string, { share: number; meanReward: number | null }>;
  meanReward: number;
  uniformMeanReward: number;
  /** Mean over the window of the best arm's expected reward per message: the ceiling. */
  bestPossible: number;
  /** Per kind of request: the bandit's share of each arm in this window. */
  sharesByKind: Record<string, Record<string, number>>;
}

interface Pipeline {
  app: App;
  clock: VirtualClock;
  users: Rng;
  rewards: Map<string, number>;
  window: Array<{ id: string; arm: string; kind: string; best: number }>;
}

/**
 * A simulated community talks to two routers on the same message stream: the bot's configured
 * bandit and uniform random routing. Members rate answers by the answering model's latent quality,
 * so the bandit has to discover which provider serves which kind of request. Both run the real
 * request path (store, rewards, policy updates) on virtual time.
 */
export async function runDemo(options: DemoOptions): Promise<WindowReport[]> {
  const { config, messages, window, seed } = options;
  const rateShare = options.rateShare ?? 0.7;
  const gapMs = (options.secondsBetweenMessages ?? 5) * 1000;
  const bandit = pipeline(config, seed, false);
  const uniform = pipeline(config, seed, true);
  const community = Sfc32.fromSeed(seed);
  const reports: WindowReport[] = [];

  for (let i = 0; i < messages; i++) {
    const { text, kind } = communityMessage(community);
    const best = Math.max(...SIMULATED_PROFILES.map((p) => expectedReward(p, kind, text, config.reward, rateShare)));
    const turn = { platform: 'simulation' as const, tenant: 'demo', channel: 'general', user: `member-${i % 97}`, text, history: [] };
    for (const p of [bandit, uniform]) {
      const result = await p.app.router.route(turn);
      if (result.decisionId) p.window.push({ id: result.decisionId, arm: 'error' in result ? 'none' : result.arm, kind, best });
      if (!('error' in result) && p.users.next() < rateShare) {
        const model = p.app.arms.find((a) => a.name === result.arm)!.model as SimulatedModel;
        const kind = p.users.next() < model.quality(text) ? 'up' : 'down';
        p.app.closer.feedback({ decisionId: result.decisionId, kind, source: 'simulation', user: turn.user, createdAt: p.clock.now() });
      }
      p.clock.advance(gapMs);
      p.app.closer.closeDue();
    }
    if ((i + 1) % window === 0 || i + 1 === messages) {
      reports.push(report(bandit, uniform, i + 1 - bandit.window.length, i + 1));
    }
  }
  bandit.app.close();
  uniform.app.close();
  return reports;
}

function pipeline(config: Config, seed: number, uniform: boolean): Pipeline {
  const clock = new VirtualClock();
  const rewards = new Map<string, number>();
  const app = createApp({ ...config, store: { databasePath: ':memory:' } }, {
    clock,
    logger: createLogger({ level: 'silent', secrets: [] }),
    metrics: createMetrics({ collectDefault: false }),
    arms: simulatedArms({ seed, clock }),
    policySeed: seed,
    onRewardClosed: (r) => rewards.set(r.decisionId, r.reward),
  });
  if (uniform) {
    // The same learner behind ε = 1: every arm equally likely, whatever it has learned.
    app.keeper.policy = new Policy(app.keeper.policy.learner, new EpsilonGreedy(1), Sfc32.fromSeed(seed));
  }
  return { app, clock, users: Sfc32.fromSeed(seed + 7), rewards, window: [] };
}

/** Closes the window's outstanding rewards (its feedback is in), then summarizes and starts a new window. */
function report(bandit: Pipeline, uniform: Pipeline, from: number, to: number): WindowReport {
  for (const p of [bandit, uniform]) {
    p.clock.advance(p.app.config.reward.feedbackWindowSeconds * 1000);
    p.app.closer.closeDue();
  }
  const meanOf = (p: Pipeline, entries: Array<{ id: string }>) => mean(entries.map((d) => p.rewards.get(d.id) ?? 0));
  const arms: WindowReport['arms'] = {};
  for (const arm of bandit.app.arms) {
    const mine = bandit.window.filter((d) => d.arm === arm.name);
    arms[arm.name] = { share: mine.length / bandit.window.length, meanReward: mine.length ? meanOf(bandit, mine) : null };
  }
  const sharesByKind: WindowReport['sharesByKind'] = {};
  for (const kind of REQUEST_KINDS) {
    const ofKind = bandit.window.filter((d) => d.kind === kind);
    sharesByKind[kind] = Object.fromEntries(bandit.app.arms.map((a) => [a.name, ofKind.filter((d) => d.arm === a.name).length / Math.max(1, ofKind.length)]));
  }
  const result = {
    from, to, arms, sharesByKind,
    meanReward: meanOf(bandit, bandit.window),
    uniformMeanReward: meanOf(uniform, uniform.window),
    bestPossible: mean(bandit.window.map((d) => d.best)),
  };
  bandit.window = [];
  uniform.window = [];
  return result;
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
