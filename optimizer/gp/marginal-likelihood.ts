/**
 * NLL(θ) and its analytic gradient. Symbols: see ./notation.ts. Extra symbols here:
 *   P = n(n−1)/2   number of pairs i > j, packed row by row (pair p ↔ (i, j), p = i(i−1)/2 + j)
 *   D_q ∈ R^P      squared coordinate differences (x_iq − x_jq)², fixed for a data set
 *   r²_p = Σ_q D_q,p / ℓ_q²
 *   g_p            σ_f² (5/3)(1 + √5 r) e^{−√5 r}, so ∂k_p/∂log ℓ_q = g_p D_q,p / ℓ_q²
 *   W = α αᵀ − K_y⁻¹,  ∂NLL/∂θ_j = −½ Σ_ij W_ij ∂K_y,ij/∂θ_j
 * The fit evaluates NLL hundreds of times on the same X, so the pairwise differences are computed
 * once and every buffer is reused: an evaluation allocates nothing but its gradient.
 */
import { cholInverse, cholesky, cholSolve } from './linalg.js';
import { fromTheta } from './notation.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const SQRT5 = Math.sqrt(5);

export interface NllResult {
  value: number;
  grad: Float64Array;
}

export class MarginalLikelihood {
  private readonly pairs: number;
  /** D, d blocks of P (dimension-major, so the gradient's inner loops are contiguous). */
  private readonly sqDiff: Float64Array;
  private readonly r2: Float64Array;
  private readonly gPair: Float64Array;
  private readonly wg: Float64Array;
  private readonly ky: Float64Array;
  private readonly l: Float64Array;
  private readonly kinv: Float64Array;
  private readonly scratch: Float64Array;

  constructor(x: ArrayLike<number>, private readonly y: ArrayLike<number>, readonly n: number, readonly d: number) {
    this.pairs = (n * (n - 1)) / 2;
    const P = this.pairs;
    this.sqDiff = new Float64Array(P * d);
    for (let q = 0; q < d; q++) {
      let p = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < i; j++, p++) {
          const diff = x[i * d + q]! - x[j * d + q]!;
          this.sqDiff[q * P + p] = diff * diff;
        }
      }
    }
    this.r2 = new Float64Array(P);
    this.gPair = new Float64Array(P);
    this.wg = new Float64Array(P);
    this.ky = new Float64Array(n * n);
    this.l = new Float64Array(n * n);
    this.kinv = new Float64Array(n * n);
    this.scratch = new Float64Array(n * n);
  }

  /**
   * NLL and ∂NLL/∂θ; +∞ (zero gradient) when K_y cannot be factored: "step too far". Without
   * withGrad the gradient stays zero and K_y⁻¹ (two thirds of the work) is skipped.
   */
  evaluate(theta: ArrayLike<number>, withGrad = true): NllResult {
    const { n, d, pairs: P, sqDiff, r2, gPair, ky, y } = this;
    const grad = new Float64Array(d + 2);
    const h = fromTheta(theta, d);
    const sf2 = h.signalVariance;
    r2.fill(0);
    for (let q = 0; q < d; q++) {
      const inv = 1 / (h.lengthscales[q]! * h.lengthscales[q]!);
      const off = q * P;
      for (let p = 0; p < P; p++) r2[p]! += sqDiff[off + p]! * inv;
    }
    // Fill K_y (full, symmetric) and g, and accumulate ∂/∂log σ_f through Σ W_ij K_ij later.
    let p = 0;
    for (let i = 0; i < n; i++) {
      ky[i * n + i] = sf2 + h.noiseVariance;
      for (let j = 0; j < i; j++, p++) {
        const rr = r2[p]!;
        const r = Math.sqrt(rr);
        const e = Math.exp(-SQRT5 * r);
        const kij = sf2 * (1 + SQRT5 * r + (5 / 3) * rr) * e;
        ky[i * n + j] = kij;
        ky[j * n + i] = kij;
        gPair[p] = sf2 * (5 / 3) * (1 + SQRT5 * r) * e;
      }
    }
    try {
      cholesky(ky, n, this.l);
    } catch {
      return { value: Number.POSITIVE_INFINITY, grad };
    }
    const l = this.l;
    const alpha = cholSolve(l, n, y);
    let value = n * HALF_LOG_2PI;
    for (let i = 0; i < n; i++) value += 0.5 * y[i]! * alpha[i]! + Math.log(l[i * n + i]!);
    if (!withGrad) return { value, grad };

    // Every ∂K_y/∂θ_j is symmetric, so each off-diagonal pair counts twice.
    const kinv = cholInverse(l, n, this.kinv, this.scratch);
    const wg = this.wg;
    let gradSf = 0;
    let traceW = 0;
    p = 0;
    for (let i = 0; i < n; i++) {
      const ai = alpha[i]!;
      const wii = ai * ai - kinv[i * n + i]!;
      traceW += wii;
      gradSf += wii * sf2;
      for (let j = 0; j < i; j++, p++) {
        const wij = 2 * (ai * alpha[j]! - kinv[i * n + j]!);
        gradSf += wij * ky[i * n + j]!;
        wg[p] = wij * gPair[p]!;
      }
    }
    for (let q = 0; q < d; q++) {
      const off = q * P;
      let s = 0;
      for (let pp = 0; pp < P; pp++) s += wg[pp]! * sqDiff[off + pp]!;
      grad[q] = (-0.5 * s) / (h.lengthscales[q]! * h.lengthscales[q]!);
    }
    grad[d] = -gradSf;
    grad[d + 1] = -h.noiseVariance * traceW;
    return { value, grad };
  }
}

/** One-off NLL(θ) for data X (row-major n×d) and standardized y. */
export function negLogMarginalLikelihood(theta: ArrayLike<number>, x: ArrayLike<number>, y: ArrayLike<number>, n: number, d: number): NllResult {
  return new MarginalLikelihood(x, y, n, d).evaluate(theta);
}
