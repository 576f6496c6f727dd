/** NLL(θ) and its analytic gradient. Symbols: see ./notation.ts. */
import { cholInverse, cholesky, cholSolve } from './linalg.js';
import { kernelMatrix } from './matern52.js';
import { fromTheta } from './notation.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export interface NllResult {
  value: number;
  grad: Float64Array;
}

/**
 * Negative log marginal likelihood of standardized y under θ, with ∂NLL/∂θ. Returns +∞ (and a zero
 * gradient) when K_y cannot be factored, which the line search treats as "step too far".
 */
export function negLogMarginalLikelihood(theta: ArrayLike<number>, x: ArrayLike<number>, y: ArrayLike<number>, n: number, d: number): NllResult {
  const h = fromTheta(theta, d);
  const grad = new Float64Array(d + 2);
  const { k, g } = kernelMatrix(x, n, h.lengthscales, h.signalVariance, true);
  const ky = new Float64Array(k);
  for (let i = 0; i < n; i++) ky[i * n + i]! += h.noiseVariance;
  let factor;
  try {
    factor = cholesky(ky, n);
  } catch {
    return { value: Number.POSITIVE_INFINITY, grad };
  }
  const { l } = factor;
  const alpha = cholSolve(l, n, y);
  let value = n * HALF_LOG_2PI;
  for (let i = 0; i < n; i++) value += 0.5 * y[i]! * alpha[i]! + Math.log(l[i * n + i]!);

  // W = α αᵀ − K_y⁻¹; every ∂K_y/∂θ_j is symmetric, so off-diagonal pairs count twice.
  const kinv = cholInverse(l, n);
  const invLs2 = h.lengthscales.map((ls) => 1 / (ls * ls));
  let gradSf = 0;
  let traceW = 0;
  for (let i = 0; i < n; i++) {
    const wii = alpha[i]! * alpha[i]! - kinv[i * n + i]!;
    traceW += wii;
    gradSf += wii * k[i * n + i]!;
    for (let j = 0; j < i; j++) {
      const wij = 2 * (alpha[i]! * alpha[j]! - kinv[i * n + j]!);
      gradSf += wij * k[i * n + j]!;
      const wg = wij * g![i * n + j]!;
      for (let q = 0; q < d; q++) {
        const diff = x[i * d + q]! - x[j * d + q]!;
        grad[q]! += wg * diff * diff * invLs2[q]!;
      }
    }
  }
  for (let q = 0; q < d; q++) grad[q] = -0.5 * grad[q]!;
  grad[d] = -0.5 * 2 * gradSf;
  grad[d + 1] = -0.5 * 2 * h.noiseVariance * traceW;
  return { value, grad };
}
