/**
 * Dense linear algebra for the GP, on row-major Float64Arrays (A[i*n + j]). Notation: see
 * ./notation.ts. Everything is O(n³) at most; n stays in the hundreds, so plain loops are fine.
 */

/**
 * Lower Cholesky factor L of a symmetric positive definite A (n×n), A = L Lᵀ. When rounding makes
 * A numerically indefinite, retries with growing diagonal jitter (relative to the mean diagonal)
 * instead of failing: a slightly smoothed GP is better than no proposal.
 */
export function cholesky(a: Float64Array, n: number, out?: Float64Array): { l: Float64Array; jitter: number } {
  let meanDiag = 0;
  for (let i = 0; i < n; i++) meanDiag += a[i * n + i]!;
  meanDiag = Math.max(meanDiag / Math.max(n, 1), 1e-300);
  const l = out ?? new Float64Array(n * n);
  let jitter = 0;
  for (let attempt = 0; attempt < 10; attempt++) {
    if (tryCholesky(a, n, jitter, l)) return { l, jitter };
    jitter = jitter === 0 ? meanDiag * 1e-10 : jitter * 10;
  }
  throw new Error('cholesky: matrix is not positive definite even with jitter');
}

/** Writes the factor into l (only its lower triangle and diagonal are meaningful). */
function tryCholesky(a: Float64Array, n: number, jitter: number, l: Float64Array): boolean {
  l.fill(0);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]! + jitter;
    const rowJ = j * n;
    for (let k = 0; k < j; k++) d -= l[rowJ + k]! * l[rowJ + k]!;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    l[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j]!;
      for (let k = 0; k < j; k++) s -= l[rowI + k]! * l[rowJ + k]!;
      l[rowI + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L z = b (L lower triangular), in place into a new array. */
export function solveLower(l: Float64Array, n: number, b: ArrayLike<number>, out?: Float64Array): Float64Array {
  const z = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    const row = i * n;
    for (let k = 0; k < i; k++) s -= l[row + k]! * z[k]!;
    z[i] = s / l[row + i]!;
  }
  return z;
}

/** Solves Lᵀ z = b (L lower triangular). */
export function solveUpper(l: Float64Array, n: number, b: ArrayLike<number>, out?: Float64Array): Float64Array {
  const z = out ?? new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * z[k]!;
    z[i] = s / l[i * n + i]!;
  }
  return z;
}

/** A⁻¹ b given L = chol(A). */
export function cholSolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  return solveUpper(l, n, solveLower(l, n, b));
}

/**
 * A⁻¹ (symmetric, full) given L = chol(A): M = L⁻¹ row by row (row i of M is a combination of
 * the rows above it, so every inner loop runs over contiguous memory), then A⁻¹ = Mᵀ M as a sum
 * of outer products of M's rows. scratch (n×n) holds M when given.
 */
export function cholInverse(l: Float64Array, n: number, out?: Float64Array, scratch?: Float64Array): Float64Array {
  const m = scratch ?? new Float64Array(n * n);
  m.fill(0);
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    for (let k = 0; k < i; k++) {
      const c = l[rowI + k]!;
      const rowK = k * n;
      for (let j = 0; j <= k; j++) m[rowI + j]! += c * m[rowK + j]!;
    }
    const inv = 1 / l[rowI + i]!;
    for (let j = 0; j < i; j++) m[rowI + j] = -m[rowI + j]! * inv;
    m[rowI + i] = inv;
  }
  const inv = out ?? new Float64Array(n * n);
  inv.fill(0);
  for (let k = 0; k < n; k++) {
    const rowK = k * n;
    for (let i = 0; i <= k; i++) {
      const c = m[rowK + i]!;
      const rowI = i * n;
      for (let j = 0; j <= i; j++) inv[rowI + j]! += c * m[rowK + j]!;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) inv[j * n + i] = inv[i * n + j]!;
  return inv;
}
