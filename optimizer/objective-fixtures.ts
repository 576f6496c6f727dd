/**
 * Test fixture for the objective: a linear contextual bandit whose mean rewards are known, logged
 * by a learning routing policy (as in production), so the quantity the objective estimates,
 * V̄(θ) = (1/n) Σ_i Σ_a π_θ^(i)(a|x_i) μ(x_i, a), can be computed exactly for any θ.
 *
 * Arm 0 has the best intercept, arms 1 and 2 win only where their feature is high: a policy must
 * learn the slopes to beat "always arm 0", which is what makes a heavy ridge prior (λ) costly.
 */
import { gaussian, Sfc32 } from '../bandits/rng.js';
import type { Context } from '../bandits/types.js';
import { banditParameters } from '../config/profiles.js';
import type { ObjectiveRow } from './objective-logs.js';
import { progressiveProbabilities } from './objective-progressive.js';
import type { BanditSettings, RouterTheta } from './objective-theta.js';
import { buildThetaPolicy } from './objective-theta.js';

export const ARMS = 3;
/** Bias + 3 features. */
export const DIMENSIONS = 4;
export const NOISE = 0.5;
/** USD per request of each arm (arm 1 is the expensive good one). */
export const COSTS = [0.001, 0.01, 0.002];

const WEIGHTS = [
  [0.6, 0.1, 0, 0],
  [0.3, 0.5, 0, 0.1],
  [0.2, 0, 0.6, 0],
];

/** The production profile's bandit settings (λ = 10, ε 0.05 → floor 0.01, α = 0, drift 0.05 / 0.999). */
export const PRODUCTION_BANDIT: BanditSettings = banditParameters({ learningRate: 0.1, explorationRate: 0.05 });

export function trueMean(x: Context, arm: number): number {
  let s = 0;
  for (let j = 0; j < DIMENSIONS; j++) s += WEIGHTS[arm]![j]! * x[j]!;
  return s;
}

export interface SimulatedLogs {
  rows: ObjectiveRow[];
  /** Expected reward of every arm on every row, for exact values. */
  means: Float64Array;
}

/** n rows logged by the routing policy with `logging` θ (default: ε 0.2 decaying to a 0.1 floor). */
export function simulateLogs(n: number, seed: number, logging: RouterTheta = { epsilon: 0.2, epsilonFloor: 0.1 }): SimulatedLogs {
  const rng = Sfc32.fromSeed(seed);
  const policy = buildThetaPolicy(PRODUCTION_BANDIT, logging, ARMS, DIMENSIONS, seed + 7);
  const rows: ObjectiveRow[] = [];
  const means = new Float64Array(n * ARMS);
  for (let i = 0; i < n; i++) {
    const x = Float64Array.from([1, gaussian(rng), gaussian(rng), gaussian(rng)]);
    for (let a = 0; a < ARMS; a++) means[i * ARMS + a] = trueMean(x, a);
    const { arm, propensity, probabilities } = policy.select(x);
    const reward = means[i * ARMS + arm]! + NOISE * gaussian(rng);
    policy.update(x, arm, reward, propensity);
    rows.push({ x, arm, reward, propensity, cost: COSTS[arm]!, probabilities });
  }
  return { rows, means };
}

/** V̄(θ) on these logs: θ's progressive distributions against the true means. */
export function trueProgressiveValue(logs: SimulatedLogs, theta: RouterTheta, bandit: BanditSettings = PRODUCTION_BANDIT): number {
  const policy = buildThetaPolicy(bandit, theta, ARMS, DIMENSIONS, 1);
  const probabilities = progressiveProbabilities(policy, logs.rows);
  let total = 0;
  probabilities.forEach((p, i) => {
    for (let a = 0; a < ARMS; a++) total += p[a]! * logs.means[i * ARMS + a]!;
  });
  return total / logs.rows.length;
}

/** The mean cost per request of θ's progressive distributions (the truth behind Ĉ). */
export function trueProgressiveCost(logs: SimulatedLogs, theta: RouterTheta, bandit: BanditSettings = PRODUCTION_BANDIT): number {
  const policy = buildThetaPolicy(bandit, theta, ARMS, DIMENSIONS, 1);
  const probabilities = progressiveProbabilities(policy, logs.rows);
  let total = 0;
  for (const p of probabilities) for (let a = 0; a < ARMS; a++) total += p[a]! * COSTS[a]!;
  return total / logs.rows.length;
}
