/**
 * A fitted Gaussian process posterior: standardizes y, factors K_y once, then answers μ(x), s²(x)
 * and their gradients. Symbols: ./notation.ts.
 */
import { cholesky, cholSolve, solveLower, solveUpper } from './linalg.js';
import { crossKernel, kernelMatrix } from './matern52.js';
import type { GpHyperparameters } from './notation.js';

export interface Prediction {
  /** μ(x), standardized units. */
  mean: number;
  /** s²(x) ≥ 0, standardized units. */
  variance: number;
  /** ∂μ/∂x and ∂s²/∂x (length d), when asked. */
  meanGrad?: Float64Array;
  varianceGrad?: Float64Array;
}

export class GaussianProcess {
  readonly n: number;
  readonly d: number;
  readonly yMean: number;
  readonly yStd: number;
  /** Standardized observations. */
  readonly y: Float64Array;
  private readonly x: Float64Array;
  private readonly l: Float64Array;
  private readonly alpha: Float64Array;
  private readonly invLs2: Float64Array;

  /** rows: encoded inputs in [0,1]^d; values: raw observations (standardized here). */
  constructor(rows: readonly (readonly number[])[], values: readonly number[], readonly hyper: GpHyperparameters) {
    this.n = rows.length;
    this.d = hyper.lengthscales.length;
    const { x, y, mean, std } = standardize(rows, values, this.d);
    this.x = x;
    this.y = y;
    this.yMean = mean;
    this.yStd = std;
    const { k } = kernelMatrix(x, this.n, hyper.lengthscales, hyper.signalVariance);
    for (let i = 0; i < this.n; i++) k[i * this.n + i]! += hyper.noiseVariance;
    this.l = cholesky(k, this.n).l;
    this.alpha = cholSolve(this.l, this.n, y);
    this.invLs2 = Float64Array.from(hyper.lengthscales, (ls) => 1 / (ls * ls));
  }

  /** Standardized value of a raw y (e.g. the incumbent or a constraint threshold). */
  standardizeValue(raw: number): number {
    return (raw - this.yMean) / this.yStd;
  }

  predict(xq: ArrayLike<number>, withGrad = false): Prediction {
    const { n, d } = this;
    const dk = withGrad ? new Float64Array(n * d) : undefined;
    const ks = crossKernel(xq, this.x, n, this.invLs2, this.hyper.signalVariance, dk);
    let mean = 0;
    for (let i = 0; i < n; i++) mean += ks[i]! * this.alpha[i]!;
    const v = solveLower(this.l, n, ks);
    let vv = 0;
    for (let i = 0; i < n; i++) vv += v[i]! * v[i]!;
    const variance = Math.max(this.hyper.signalVariance - vv, 1e-15);
    if (!dk) return { mean, variance };
    // ∂μ/∂x = dkᵀ α;  ∂s²/∂x = −2 (K_y⁻¹ k_*)ᵀ dk.
    const w = solveUpper(this.l, n, v);
    const meanGrad = new Float64Array(d);
    const varianceGrad = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const a = this.alpha[i]!;
      const wi = w[i]!;
      for (let k = 0; k < d; k++) {
        meanGrad[k]! += dk[i * d + k]! * a;
        varianceGrad[k]! -= 2 * wi * dk[i * d + k]!;
      }
    }
    return { mean, variance, meanGrad, varianceGrad };
  }

  /** Predictive mean and standard deviation in raw units (what a person reads). */
  predictRaw(xq: ArrayLike<number>): { mean: number; std: number } {
    const p = this.predict(xq);
    return { mean: this.yMean + this.yStd * p.mean, std: this.yStd * Math.sqrt(p.variance) };
  }
}

/** Flattens X and standardizes y; a constant y gets std 1 so the GP stays defined. */
export function standardize(rows: readonly (readonly number[])[], values: readonly number[], d: number): { x: Float64Array; y: Float64Array; mean: number; std: number } {
  const n = rows.length;
  const x = new Float64Array(n * d);
  rows.forEach((row, i) => row.forEach((v, k) => (x[i * d + k] = v)));
  const mean = n > 0 ? values.reduce((s, v) => s + v, 0) / n : 0;
  const variance = n > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / n : 0;
  const std = variance > 1e-24 ? Math.sqrt(variance) : 1;
  return { x, y: Float64Array.from(values, (v) => (v - mean) / std), mean, std };
}
