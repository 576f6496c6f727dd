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

/** Candidates per block in predictBatch: n × block doubles stay in cache for n in the hundreds. */
const BATCH_BLOCK = 64;

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
  /** Scratch for k_*, v, w and the gradient of k_*: predict runs thousands of times per proposal. */
  private readonly ks: Float64Array;
  private readonly v: Float64Array;
  private readonly w: Float64Array;
  private readonly dk: Float64Array;

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
    this.ks = new Float64Array(this.n);
    this.v = new Float64Array(this.n);
    this.w = new Float64Array(this.n);
    this.dk = new Float64Array(this.n * this.d);
  }

  /** Standardized value of a raw y (e.g. the incumbent or a constraint threshold). */
  standardizeValue(raw: number): number {
    return (raw - this.yMean) / this.yStd;
  }

  predict(xq: ArrayLike<number>, withGrad = false): Prediction {
    const { n, d } = this;
    const dk = withGrad ? this.dk : undefined;
    const ks = crossKernel(xq, this.x, n, this.invLs2, this.hyper.signalVariance, dk, this.ks);
    let mean = 0;
    for (let i = 0; i < n; i++) mean += ks[i]! * this.alpha[i]!;
    const v = solveLower(this.l, n, ks, this.v);
    let vv = 0;
    for (let i = 0; i < n; i++) vv += v[i]! * v[i]!;
    const variance = Math.max(this.hyper.signalVariance - vv, 1e-15);
    if (!dk) return { mean, variance };
    // ∂μ/∂x = dkᵀ α;  ∂s²/∂x = −2 (K_y⁻¹ k_*)ᵀ dk.
    const w = solveUpper(this.l, n, v, this.w);
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

  /**
   * μ and s² at m points (row-major m×d) at once, for screening thousands of candidates. The
   * triangular solve v = L⁻¹ k_* runs over a block of candidates together, laid out
   * candidate-fastest, so each L_ik is read once per block and the inner loop is contiguous.
   */
  predictBatch(xs: Float64Array, m: number): { mean: Float64Array; variance: Float64Array } {
    const { n, d } = this;
    const mean = new Float64Array(m);
    const variance = new Float64Array(m);
    const block = Math.min(BATCH_BLOCK, Math.max(m, 1));
    const z = new Float64Array(n * block);
    const vv = new Float64Array(block);
    const sf2 = this.hyper.signalVariance;
    for (let b0 = 0; b0 < m; b0 += block) {
      const size = Math.min(block, m - b0);
      for (let c = 0; c < size; c++) {
        const ks = crossKernel(xs.subarray((b0 + c) * d, (b0 + c + 1) * d), this.x, n, this.invLs2, sf2, undefined, this.ks);
        let mu = 0;
        for (let i = 0; i < n; i++) {
          mu += ks[i]! * this.alpha[i]!;
          z[i * block + c] = ks[i]!;
        }
        mean[b0 + c] = mu;
      }
      vv.fill(0);
      for (let i = 0; i < n; i++) {
        const rowI = i * block;
        for (let k = 0; k < i; k++) {
          const lik = this.l[i * n + k]!;
          if (lik === 0) continue;
          const rowK = k * block;
          for (let c = 0; c < size; c++) z[rowI + c]! -= lik * z[rowK + c]!;
        }
        const inv = 1 / this.l[i * n + i]!;
        for (let c = 0; c < size; c++) {
          const zc = z[rowI + c]! * inv;
          z[rowI + c] = zc;
          vv[c]! += zc * zc;
        }
      }
      for (let c = 0; c < size; c++) variance[b0 + c] = Math.max(sf2 - vv[c]!, 1e-15);
    }
    return { mean, variance };
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
