/** Small dense linear algebra on row-major Float64Arrays: just what ridge regression needs. */

/** Inverse of a symmetric positive-definite d×d matrix by Cholesky factorization. */
export function invertSpd(a: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * d + k]! * l[j * d + k]!;
      if (i === j) {
        if (sum <= 0) throw new RangeError('matrix is not positive definite');
        l[i * d + i] = Math.sqrt(sum);
      } else {
        l[i * d + j] = sum / l[j * d + j]!;
      }
    }
  }
  // inv(A) = inv(L)ᵀ inv(L); invert the lower-triangular L column by column.
  const li = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    li[j * d + j] = 1 / l[j * d + j]!;
    for (let i = j + 1; i < d; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i * d + k]! * li[k * d + j]!;
      li[i * d + j] = sum / l[i * d + i]!;
    }
  }
  const inv = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < d; k++) sum += li[k * d + i]! * li[k * d + j]!;
      inv[i * d + j] = sum;
      inv[j * d + i] = sum;
    }
  }
  return inv;
}

/** out = M x for a d×d matrix M. */
export function matVec(m: Float64Array, x: ArrayLike<number>, d: number, out: Float64Array): Float64Array {
  for (let i = 0; i < d; i++) {
    let sum = 0;
    const row = i * d;
    for (let j = 0; j < d; j++) sum += m[row + j]! * x[j]!;
    out[i] = sum;
  }
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>, d: number): number {
  let sum = 0;
  for (let i = 0; i < d; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** The full symmetric matrix from a row-major d×d array whose upper triangle (i ≤ j) is current. */
export function symmetrize(upper: Float64Array, d: number): Float64Array {
  const m = Float64Array.from(upper);
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) m[i * d + j] = m[j * d + i]!;
  return m;
}
