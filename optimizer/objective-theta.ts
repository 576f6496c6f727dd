/**
 * θ, the router's tunable hyperparameters, and the search space the optimizer explores.
 *
 * θ is an experiment variant's BanditOverrides plus the recency correction's two knobs (driftRate,
 * driftDecay), which config.bandit already carries, so buildRoutingPolicy takes every θ without a
 * change to the request path: a tuned θ is deployable as it is. (The count bonus is a constant of
 * router/routing-policy.ts, not a setting, so it is not tuned here.)
 */
import type { Policy } from '../bandits/policy.js';
import type { Config } from '../config/index.js';
import { buildRoutingPolicy, withOverrides } from '../router/routing-policy.js';
import type { BanditOverrides } from '../store/experiment-records.js';
import type { ParamSpec, Params } from './search-space.js';
import { SearchSpace } from './search-space.js';

export type BanditSettings = Config['bandit'];

export interface RouterTheta extends BanditOverrides {
  driftRate?: number;
  driftDecay?: number;
}

export const THETA_NAMES = ['ridgeLambda', 'epsilon', 'epsilonFloor', 'alpha', 'driftRate', 'driftDecay'] as const;
export type ThetaName = (typeof THETA_NAMES)[number];
export type FullTheta = Required<Pick<RouterTheta, ThetaName>>;

/** The bandit settings with θ applied; anything θ leaves out comes from `bandit`. */
export function banditWithTheta(bandit: BanditSettings, theta: RouterTheta): BanditSettings {
  return {
    ...withOverrides(bandit, theta),
    ...(theta.driftRate !== undefined ? { driftRate: theta.driftRate } : {}),
    ...(theta.driftDecay !== undefined ? { driftDecay: theta.driftDecay } : {}),
  };
}

/** Every tuned value of the settings `bandit` (the configured policy's θ). */
export function fullTheta(bandit: BanditSettings, theta: RouterTheta = {}): FullTheta {
  const b = banditWithTheta(bandit, theta);
  return {
    ridgeLambda: b.ridgeLambda, epsilon: b.epsilon, epsilonFloor: b.epsilonFloor,
    alpha: b.alpha, driftRate: b.driftRate, driftDecay: b.driftDecay,
  };
}

/** A fresh routing policy with θ: exactly what the bot would run with these settings. */
export function buildThetaPolicy(bandit: BanditSettings, theta: RouterTheta, arms: number, dimensions: number, seed: number): Policy {
  return buildRoutingPolicy(banditWithTheta(bandit, theta), arms, dimensions, seed);
}

/**
 * Ranges wide enough to hold every profile's defaults (production λ = 10, ε = 0.05, floor 0.01,
 * α = 0, drift 0.05 over ~1000 requests) with an order of magnitude or more on each side.
 * Scales are log where the effect is multiplicative (prior strength, exploration shares,
 * memory length). The floor stops at 0.005, half the production default: it is also what keeps
 * FUTURE logs evaluable (every propensity ≥ floor / K), a value the objective cannot see, so the
 * study would otherwise always push it to the bottom of its range.
 * driftDecay is searched as its memory 1 / (1 − γ) in requests: γ ∈ [0.9, 0.9999] is where all
 * the behaviour is, and that is a log range of the memory, not a linear range of γ.
 */
const SPECS: Record<ThetaName, ParamSpec> = {
  ridgeLambda: { type: 'float', name: 'ridgeLambda', low: 0.01, high: 1000, log: true },
  epsilon: { type: 'float', name: 'epsilon', low: 0.005, high: 0.5, log: true },
  epsilonFloor: { type: 'float', name: 'epsilonFloor', low: 0.005, high: 0.2, log: true },
  alpha: { type: 'float', name: 'alpha', low: 0, high: 1 },
  driftRate: { type: 'float', name: 'driftRate', low: 0, high: 0.3 },
  driftDecay: { type: 'float', name: 'driftMemory', low: 10, high: 10_000, log: true },
};

export interface SearchSpaceOptions {
  /** Tune only these; the others keep the configured values. Default: all of THETA_NAMES. */
  only?: readonly ThetaName[];
}

export function searchSpace(options: SearchSpaceOptions = {}): SearchSpace {
  const names = options.only ?? THETA_NAMES;
  for (const name of names) if (!THETA_NAMES.includes(name)) throw new RangeError(`unknown hyperparameter "${String(name)}"; expected one of ${THETA_NAMES.join(', ')}`);
  if (names.length === 0) throw new RangeError('searchSpace needs at least one hyperparameter to tune');
  return new SearchSpace(THETA_NAMES.filter((n) => names.includes(n)).map((n) => SPECS[n]));
}

/** A study's decoded parameters → θ (only the tuned names are set). */
export function thetaFromParams(params: Params): RouterTheta {
  const theta: RouterTheta = {};
  for (const name of THETA_NAMES) {
    const spec = SPECS[name];
    const v = params[spec.name];
    if (v === undefined) continue;
    if (typeof v !== 'number') throw new TypeError(`parameter "${spec.name}" must be a number`);
    theta[name] = name === 'driftDecay' ? 1 - 1 / v : v;
  }
  return theta;
}
