import { EpsilonSchedule } from '../bandits/exploration/epsilon-schedule.js';
import { RecursiveRidge, type RecursiveRidgeState } from '../bandits/learners/recursive-ridge.js';
import { Policy } from '../bandits/policy.js';
import { Sfc32 } from '../bandits/rng.js';
import type { LearnerState } from '../bandits/types.js';
import type { Config } from '../config/index.js';
import type { BanditOverrides } from '../store/experiment-records.js';

/**
 * Optimism for rarely played arms, in reward units (rewards are mostly within ±1): enough that one
 * unlucky first answer does not lock an arm out, gone after a few dozen plays.
 */
const COUNT_BONUS = 0.3;

/**
 * The routing policy the bot runs, built from config.bandit: a recursive ridge per arm (greedy
 * unless BANDIT_ALPHA > 0, with the recency correction and a fading count bonus) behind an ε schedule
 * that starts at the exploration rate and settles on its floor. `npm run bench -- replay --policy default` replays
 * exactly this.
 */
export function buildRoutingPolicy(
  bandit: Config['bandit'], arms: number, dimensions: number, seed: number, restored?: LearnerState,
): Policy {
  const options = {
    arms, dimensions, lambda: bandit.ridgeLambda, alpha: bandit.alpha,
    driftDecay: bandit.driftDecay, driftRate: bandit.driftRate,
    countBonus: COUNT_BONUS,
  };
  const compatible = restored?.kind === 'recursive-ridge'
    && (restored as RecursiveRidgeState).options.arms === arms
    && (restored as RecursiveRidgeState).options.dimensions === dimensions;
  const learner = compatible
    ? new RecursiveRidge({ ...(restored as RecursiveRidgeState).options, ...options }, restored as RecursiveRidgeState)
    : new RecursiveRidge(options);
  const explorer = new EpsilonSchedule({
    initial: Math.max(bandit.epsilon, bandit.epsilonFloor),
    floor: bandit.epsilonFloor,
    step: learner.updates,
  });
  return new Policy(learner, explorer, Sfc32.fromSeed(seed));
}

/**
 * An experiment variant's bandit settings. `epsilon` alone means a constant rate (floor = ε): an
 * admin testing "ε = 0.2" expects 0.2, not a schedule that decays from it.
 */
export function withOverrides(bandit: Config['bandit'], overrides: BanditOverrides): Config['bandit'] {
  const floor = overrides.epsilonFloor ?? (overrides.epsilon !== undefined ? overrides.epsilon : bandit.epsilonFloor);
  return {
    ...bandit,
    ...(overrides.epsilon !== undefined ? { epsilon: overrides.epsilon } : {}),
    ...(overrides.ridgeLambda !== undefined ? { ridgeLambda: overrides.ridgeLambda } : {}),
    ...(overrides.alpha !== undefined ? { alpha: overrides.alpha } : {}),
    ...(overrides.driftRate !== undefined ? { driftRate: overrides.driftRate } : {}),
    ...(overrides.driftDecay !== undefined ? { driftDecay: overrides.driftDecay } : {}),
    epsilonFloor: floor,
  };
}
