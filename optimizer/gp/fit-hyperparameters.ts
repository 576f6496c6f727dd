/** Maximum-likelihood θ by multi-start projected L-BFGS in log space. Symbols: ./notation.ts. */
import type { Rng } from '../../bandits/rng.js';
import { minimizeBox } from './box-lbfgs.js';
import { negLogMarginalLikelihood } from './marginal-likelihood.js';
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
}

export const DEFAULT_HYPERPARAMETERS = (d: number): GpHyperparameters => ({
  lengthscales: new Array<number>(d).fill(0.5),
  signalVariance: 1,
  noiseVariance: 1e-4,
});

export function fitHyperparameters(x: ArrayLike<number>, y: ArrayLike<number>, n: number, d: number, options: FitOptions): { hyper: GpHyperparameters; nll: number } {
  const { rng, restarts = 2, maxIter = 80, warmStart, warmOnly = false, bounds = DEFAULT_BOUNDS } = options;
  const { lo, hi } = thetaBounds(d, bounds);
  const starts: Float64Array[] = [];
  if (warmStart) starts.push(toTheta(warmStart));
  if (!warmOnly || !warmStart) {
    starts.push(toTheta(DEFAULT_HYPERPARAMETERS(d)));
    for (let r = 0; r < restarts; r++) {
      const t = new Float64Array(d + 2);
      for (let k = 0; k < d; k++) t[k] = Math.log(0.05) + rng.next() * (Math.log(2) - Math.log(0.05));
      t[d] = 0.5 * (Math.log(0.3) + rng.next() * (Math.log(3) - Math.log(0.3)));
      t[d + 1] = 0.5 * (Math.log(1e-6) + rng.next() * (Math.log(1e-2) - Math.log(1e-6)));
      starts.push(t);
    }
  }
  const objective = (theta: Float64Array) => negLogMarginalLikelihood(theta, x, y, n, d);
  let best: { x: Float64Array; value: number } | undefined;
  for (const start of starts) {
    const result = minimizeBox(objective, start, lo, hi, { maxIter, gradTol: 1e-5, fTol: 1e-9 });
    if (Number.isFinite(result.value) && (!best || result.value < best.value)) best = result;
  }
  if (!best) return { hyper: warmStart ?? DEFAULT_HYPERPARAMETERS(d), nll: Number.POSITIVE_INFINITY };
  return { hyper: fromTheta(best.x, d), nll: best.value };
}
