import { gaussian, Sfc32, type Rng } from '../rng.js';
import { sampleArm } from '../sampler.js';
import type { Context } from '../types.js';
import type { LoggedDecision } from './logged-decision.js';

/**
 * Test fixture: a contextual bandit whose true value under any policy is known exactly.
 * Contexts are drawn uniformly from a fixed pool of points of R⁴ (themselves drawn from N(0, I)),
 * so a policy's value is a finite average rather than a Monte Carlo approximation; rewards are
 * linear per arm plus Gaussian noise, so the per-arm ridge model has the correct form.
 */

export const ARMS = 3;
export const DIMENSIONS = 4;
export const NOISE = 0.5;
/** Minimum logging propensity: caps importance weights of any target at 1 / 0.1 = 10. */
export const LOGGING_FLOOR = 0.1;

const INTERCEPTS = [0.5, 0.2, 0];
const COEFFICIENTS = [
  [0.3, -0.2, 0.1, 0],
  [-0.1, 0.4, 0, 0.2],
  [0.2, 0.1, -0.3, 0.4],
];
// The logging policy scores arms with different weights than the truth: it is a mediocre policy.
const LOGGING_COEFFICIENTS = [
  [0, 0.5, 0, -0.5],
  [0.5, 0, 0.5, 0],
  [-0.5, -0.5, 0, 0],
];

export type WorldPolicy = (x: Context) => Float64Array;

export function trueMean(x: Context, arm: number): number {
  let s = INTERCEPTS[arm]!;
  for (let j = 0; j < DIMENSIONS; j++) s += COEFFICIENTS[arm]![j]! * x[j]!;
  return s;
}

function softmax(scores: number[], temperature: number): Float64Array {
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp((s - max) / temperature));
  const total = e.reduce((a, b) => a + b, 0);
  return Float64Array.from(e, (v) => v / total);
}

export const loggingPolicy: WorldPolicy = (x) => {
  const scores = LOGGING_COEFFICIENTS.map((c) => c.reduce((s, w, j) => s + w * x[j]!, 0));
  return softmax(scores, 1).map((p) => (1 - ARMS * LOGGING_FLOOR) * p + LOGGING_FLOOR);
};

/** Deterministic: the arm with the highest true mean. */
export const greedyPolicy: WorldPolicy = (x) => {
  const means = Array.from({ length: ARMS }, (_, a) => trueMean(x, a));
  const out = new Float64Array(ARMS);
  out[means.indexOf(Math.max(...means))] = 1;
  return out;
};

/** Stochastic: softmax of the true means at temperature 0.3. */
export const softGreedyPolicy: WorldPolicy = (x) =>
  softmax(
    Array.from({ length: ARMS }, (_, a) => trueMean(x, a)),
    0.3,
  );

/**
 * Caches a policy per context object. Logged contexts are the pool's own arrays, so this turns
 * thousands of softmax evaluations per replication into a few hundred and keeps tests fast.
 */
export function memoize(policy: WorldPolicy): WorldPolicy {
  const cache = new Map<Context, Float64Array>();
  return (x) => {
    let p = cache.get(x);
    if (!p) cache.set(x, (p = policy(x)));
    return p;
  };
}

/** A wrong reward model: ignores the context and is off by a constant. */
export const wrongModel = (_x: Context, arm: number): number => INTERCEPTS[arm]! + 0.25;

const cachedLogging = memoize(loggingPolicy);

export class World {
  readonly pool: Float64Array[];

  constructor(seed: number, size = 200) {
    const rng = Sfc32.fromSeed(seed);
    this.pool = Array.from({ length: size }, () => Float64Array.from({ length: DIMENSIONS }, () => gaussian(rng)));
  }

  /** Exact expected reward of `policy` over the uniform context pool. */
  value(policy: WorldPolicy): number {
    let total = 0;
    for (const x of this.pool) {
      const p = policy(x);
      for (let a = 0; a < ARMS; a++) total += p[a]! * trueMean(x, a);
    }
    return total / this.pool.length;
  }

  logs(n: number, rng: Rng, logging: WorldPolicy = cachedLogging): LoggedDecision[] {
    return Array.from({ length: n }, () => {
      const x = this.pool[Math.floor(rng.next() * this.pool.length)]!;
      const { arm, propensity } = sampleArm(logging(x), rng);
      return { x, arm, reward: trueMean(x, arm) + NOISE * gaussian(rng), propensity };
    });
  }
}
