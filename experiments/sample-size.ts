/**
 * "How many more requests until we would see an effect of size `mde`?", answered from the
 * current data. Approximation (stated so nobody mistakes it for a guarantee):
 *  - both arms keep their current variances and their current ratio of traffic;
 *  - the mixing variance τ² stays at its current value;
 *  - the true effect is exactly `mde`, so θ̂ ~ N(mde, V) at the future size, and we ask for the
 *    size where a single look there detects it with probability `power`:
 *      halfWidth(V) + z_power·√V ≤ mde.
 * Looking earlier as well only adds chances to detect, so this errs on the side of too many.
 */
import type { ArmStats } from './arm-stats.js';
import { sampleVariance } from './arm-stats.js';
import type { AlwaysValidOptions } from './always-valid.js';
import { DEFAULT_ALPHA, mixingVariance, mixtureHalfWidth } from './always-valid.js';
import { normalQuantile } from './normal.js';

export interface SampleSizeOptions extends AlwaysValidOptions {
  /** Minimum detectable effect, in the metric's units (> 0). */
  mde: number;
  /** Probability of detecting an effect of exactly `mde`; 0.8 by default. */
  power?: number;
}

/** Additional requests (both arms together); undefined while the variances cannot be estimated. */
export function requestsNeeded(control: ArmStats, variant: ArmStats, options: SampleSizeOptions): number | undefined {
  if (!(options.mde > 0)) throw new Error(`mde must be positive, got ${options.mde}.`);
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const z = normalQuantile(options.power ?? 0.8);
  const v0 = sampleVariance(control) / control.count + sampleVariance(variant) / variant.count;
  const tau2 = mixingVariance(control, variant, options);
  if (!(v0 > 0) || !(tau2 > 0)) return undefined;
  // Scale both counts by c: the variance of the estimate becomes v0 / c.
  const enough = (c: number) => mixtureHalfWidth(v0 / c, tau2, alpha) + z * Math.sqrt(v0 / c) <= options.mde;
  if (enough(1)) return 0;
  let hi = 2;
  while (!enough(hi)) {
    hi *= 2;
    if (hi > 1e12) return Infinity;
  }
  let lo = hi / 2;
  while (hi - lo > 1e-4 * lo) {
    const mid = (lo + hi) / 2;
    if (enough(mid)) hi = mid;
    else lo = mid;
  }
  return Math.ceil((hi - 1) * (control.count + variant.count));
}
