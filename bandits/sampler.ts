import type { Rng } from './rng.js';

/** Draws an arm from `probabilities` by inverse CDF; returns the arm and its propensity. */
export function sampleArm(probabilities: ArrayLike<number>, rng: Rng): { arm: number; propensity: number } {
  const u = rng.next();
  let cumulative = 0;
  let last = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i] ?? 0;
    if (p <= 0) continue;
    last = i;
    cumulative += p;
    if (u < cumulative) return { arm: i, propensity: p };
  }
  // Rounding can leave the cumulative sum a hair under 1: the last arm with mass takes the remainder.
  return { arm: last, propensity: probabilities[last] ?? 1 };
}
