/**
 * One simulated two-arm experiment, looked at every `lookEvery` requests by both the
 * always-valid test and a naive fixed-sample z-test (what a dashboard without sequential
 * statistics would show). Shared by the tests and the benchmark so both measure the same thing.
 */
import type { Rng } from '../bandits/rng.js';
import type { ArmStats } from './arm-stats.js';
import { armFromSums, emptyArm, mergeArms } from './arm-stats.js';
import type { AlwaysValidOptions } from './always-valid.js';
import { compareArms, DEFAULT_ALPHA, DEFAULT_MIN_PER_ARM } from './always-valid.js';
import { normalQuantile } from './normal.js';

export interface SequentialSimulation extends AlwaysValidOptions {
  rng: Rng;
  controlMean: number;
  variantMean: number;
  maxRequests: number;
  lookEvery: number;
  /** Probability that a request goes to the variant. */
  variantShare?: number;
  /** Reward draw with the given mean; Bernoulli (a thumbs-up) by default. */
  reward?: (rng: Rng, mean: number) => number;
  /** Keep going after the first rejections, e.g. to study the arms at the cap. */
  runToEnd?: boolean;
}

export interface SequentialOutcome {
  /** Requests at the first look where the always-valid interval excluded 0, or null. */
  alwaysValidAt: number | null;
  /** Sign of the estimate at that look (+1: variant better). */
  alwaysValidSign: number;
  /** Same for the naive z-test at level α, peeked at the same looks. */
  naiveAt: number | null;
  control: ArmStats;
  variant: ArmStats;
  requests: number;
}

const bernoulli = (rng: Rng, mean: number) => (rng.next() < mean ? 1 : 0);

export function simulateSequential(sim: SequentialSimulation): SequentialOutcome {
  const { rng, lookEvery, maxRequests } = sim;
  const share = sim.variantShare ?? 0.5;
  const draw = sim.reward ?? bernoulli;
  const zCrit = normalQuantile(1 - (sim.alpha ?? DEFAULT_ALPHA) / 2);
  const minPerArm = sim.minPerArm ?? DEFAULT_MIN_PER_ARM;
  let control = emptyArm();
  let variant = emptyArm();
  let alwaysValidAt: number | null = null;
  let alwaysValidSign = 0;
  let naiveAt: number | null = null;
  let requests = 0;
  while (requests < maxRequests) {
    const batch = Math.min(lookEvery, maxRequests - requests);
    // Per-look sums are merged with Chan's formula: one allocation per look, not per request.
    const sums = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < batch; i++) {
      const toVariant = rng.next() < share;
      const x = draw(rng, toVariant ? sim.variantMean : sim.controlMean);
      const o = toVariant ? 3 : 0;
      sums[o]! += 1;
      sums[o + 1]! += x;
      sums[o + 2]! += x * x;
    }
    requests += batch;
    control = mergeArms(control, armFromSums(sums[0]!, sums[1]!, sums[2]!));
    variant = mergeArms(variant, armFromSums(sums[3]!, sums[4]!, sums[5]!));
    if (alwaysValidAt === null) {
      const r = compareArms(control, variant, sim);
      if (r.excludesZero) {
        alwaysValidAt = requests;
        alwaysValidSign = Math.sign(r.estimate);
      }
    }
    if (naiveAt === null && control.count >= minPerArm && variant.count >= minPerArm) {
      const se = Math.sqrt(control.m2 / (control.count - 1) / control.count + variant.m2 / (variant.count - 1) / variant.count);
      if (se > 0 && Math.abs(variant.mean - control.mean) / se > zCrit) naiveAt = requests;
    }
    if (!sim.runToEnd && alwaysValidAt !== null && naiveAt !== null) break;
  }
  return { alwaysValidAt, alwaysValidSign, naiveAt, control, variant, requests };
}
