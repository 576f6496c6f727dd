/**
 * Maximum-likelihood (or, given a prior, MAP) θ by multi-start projected L-BFGS in log space.
 * Symbols: ./notation.ts. Starts: the warm start (previous optimum) always runs; the default θ
 * and `restarts` random θ are screened by one evaluation each and the best `runs` of them run.
 */
import type { Rng } from '../../bandits/rng.js';
import { gaussian } from '../../bandits/rng.js';
import { minimizeBox } from './box-lbfgs.js';
import { MarginalLikelihood } from './marginal-likelihood.js';
import type { HyperPrior } from './hyperprior.js';
import { negLogPrior } from './hyperprior.js';
import type { GpHyperparameters, HyperparameterBounds } from './notation.js';
import { DEFAULT_BOUNDS, fromTheta, thetaBounds, toTheta } from './notation.js';

export interface FitOptions {
  rng: Rng;
  /** Random restarts besides the default start and the warm start. */
  restarts?: number;
  maxIter?: number;
  /** Previous optimum: between full refits, a few iterations from here track the data cheaply. */
  warmStart?: GpHyperparameters;
  /** Skip the default and random starts (cheap incremental update). */
  warmOnly?: boolean;
  bounds?: HyperparameterBounds;
  prior?: HyperPrior;
  /** Of the default and random starts, how many (the best by objective value) get an L-BFGS run. */
  runs?: number;
}

export const DEFAULT_HYPERPARAMETERS = (d: number): GpHyperparameters => ({
  lengthscales: new Array<number>(d).fill(0.5),
  signalVariance: 1,
  noiseVariance: 1e-4,
});

export function fitHyperparameters(x: ArrayLike<number>, y: ArrayLike<number>, n: number, d: number, options: FitOptions): { hyper: GpHyperparameters; nll: number } {
  const { rng, restarts = 2, maxIter = 80, warmStart, warmOnly = false, bounds = DEFAULT_BOUNDS, prior, runs = Number.POSITIVE_INFINITY } = options;
  const { lo, hi } = thetaBounds(d, bounds);
  const fresh: Float64Array[] = [];
  if (!warmOnly || !warmStart) {
    fresh.push(toTheta(DEFAULT_HYPERPARAMETERS(d)));
    for (let r = 0; r < restarts; r++) {
      const t = new Float64Array(d + 2);
      // Under a prior, restarts are drawn from it: they explore where the MAP can plausibly be.
      for (let k = 0; k < d; k++) t[k] = prior ? prior.lengthscale.mean + prior.lengthscale.std * gaussian(rng) : Math.log(0.05) + rng.next() * (Math.log(2) - Math.log(0.05));
      t[d] = 0.5 * (Math.log(0.3) + rng.next() * (Math.log(3) - Math.log(0.3)));
      t[d + 1] = 0.5 * (Math.log(1e-6) + rng.next() * (Math.log(1e-2) - Math.log(1e-6)));
      fresh.push(t);
    }
  }
  const likelihood = new MarginalLikelihood(x, y, n, d);
  const objective = (theta: Float64Array, withGrad = true) => {
    const r = likelihood.evaluate(theta, withGrad);
    if (prior && Number.isFinite(r.value)) r.value += negLogPrior(theta, d, prior, r.grad);
    return r;
  };
  // Screening costs one evaluation per start; only the most promising fresh starts get a run.
  const screened = fresh
    .map((theta) => ({ theta, value: objective(Float64Array.from(theta, (v, j) => Math.min(Math.max(v, lo[j]!), hi[j]!)), false).value }))
    .filter((s) => Number.isFinite(s.value))
    .sort((a, b) => a.value - b.value)
    .slice(0, runs)
    .map((s) => s.theta);
  const starts = warmStart ? [toTheta(warmStart), ...screened] : screened;
  let best: { x: Float64Array; value: number } | undefined;
  for (const start of starts) {
    const result = minimizeBox((theta) => objective(theta), start, lo, hi, { maxIter, gradTol: 1e-5, fTol: 1e-9 });
    if (Number.isFinite(result.value) && (!best || result.value < best.value)) best = result;
  }
  if (!best) return { hyper: warmStart ?? DEFAULT_HYPERPARAMETERS(d), nll: Number.POSITIVE_INFINITY };
  return { hyper: fromTheta(best.x, d), nll: best.value };
}
