/** Matern-5/2 ARD kernel and its derivatives. Symbols: see ./notation.ts. */
const SQRT5 = Math.sqrt(5);

/** k(a, b) for rows a = A[ia*d…], b = B[ib*d…]. */
export function matern52(a: ArrayLike<number>, ia: number, b: ArrayLike<number>, ib: number, invLs2: Float64Array, sf2: number): number {
  const d = invLs2.length;
  let r2 = 0;
  for (let k = 0; k < d; k++) {
    const diff = a[ia * d + k]! - b[ib * d + k]!;
    r2 += diff * diff * invLs2[k]!;
  }
  const r = Math.sqrt(r2);
  return sf2 * (1 + SQRT5 * r + (5 / 3) * r2) * Math.exp(-SQRT5 * r);
}

/**
 * K (n×n) for inputs X, plus, when asked, the per-dimension factors needed by the gradient:
 * ∂k/∂log ℓ_k = σ_f² (5/3)(1 + √5 r) e^{−√5 r} (Δ_k/ℓ_k)², written as g(r) · (Δ_k/ℓ_k)² so the
 * r in ∂r/∂ℓ cancels and coincident points (r = 0) need no special case.
 */
export function kernelMatrix(x: ArrayLike<number>, n: number, lengthscales: readonly number[], sf2: number, withGradFactor = false): { k: Float64Array; g?: Float64Array } {
  const d = lengthscales.length;
  const invLs2 = new Float64Array(d);
  for (let k = 0; k < d; k++) invLs2[k] = 1 / (lengthscales[k]! * lengthscales[k]!);
  const kmat = new Float64Array(n * n);
  const g = withGradFactor ? new Float64Array(n * n) : undefined;
  for (let i = 0; i < n; i++) {
    kmat[i * n + i] = sf2;
    if (g) g[i * n + i] = sf2 * (5 / 3);
    for (let j = 0; j < i; j++) {
      let r2 = 0;
      for (let k = 0; k < d; k++) {
        const diff = x[i * d + k]! - x[j * d + k]!;
        r2 += diff * diff * invLs2[k]!;
      }
      const r = Math.sqrt(r2);
      const e = Math.exp(-SQRT5 * r);
      const kij = sf2 * (1 + SQRT5 * r + (5 / 3) * r2) * e;
      kmat[i * n + j] = kij;
      kmat[j * n + i] = kij;
      if (g) {
        const gij = sf2 * (5 / 3) * (1 + SQRT5 * r) * e;
        g[i * n + j] = gij;
        g[j * n + i] = gij;
      }
    }
  }
  return g ? { k: kmat, g } : { k: kmat };
}

/**
 * k_* (length n) for a query x and, when grad is given (n×d, row-major), ∂k_*i/∂x_k =
 * −σ_f² (5/3)(1 + √5 r) e^{−√5 r} (x_k − x_ik)/ℓ_k², smooth at r = 0.
 */
export function crossKernel(xq: ArrayLike<number>, x: ArrayLike<number>, n: number, invLs2: Float64Array, sf2: number, grad?: Float64Array, out?: Float64Array): Float64Array {
  const d = invLs2.length;
  const ks = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let r2 = 0;
    for (let k = 0; k < d; k++) {
      const diff = xq[k]! - x[i * d + k]!;
      r2 += diff * diff * invLs2[k]!;
    }
    const r = Math.sqrt(r2);
    const e = Math.exp(-SQRT5 * r);
    ks[i] = sf2 * (1 + SQRT5 * r + (5 / 3) * r2) * e;
    if (grad) {
      const c = -sf2 * (5 / 3) * (1 + SQRT5 * r) * e;
      for (let k = 0; k < d; k++) grad[i * d + k] = c * (xq[k]! - x[i * d + k]!) * invLs2[k]!;
    }
  }
  return ks;
}
