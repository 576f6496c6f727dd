/**
 * Exact null distribution of the Mann–Kendall statistic for short series, ties included.
 * Under "no trend" every distinct ordering of the observed values is equally likely, and the
 * number of orderings of a multiset with k inversions is the coefficient of q^k in the
 * q-multinomial [n; t_1, …, t_g]_q (t_g the sizes of the groups of equal values). Since
 *   S = C − D = P − 2·D,   P = C + D = pairs with distinct values,  D = inversions,
 * the distribution of S is that polynomial read backwards. Coefficients stay exact integers
 * for n ≤ 18 (18! < 2^53); the caller uses this below n = 10 only.
 */

/** Coefficients (index = power of q) of the Gaussian binomial [m choose k]_q. */
function gaussianBinomial(m: number, k: number): number[] {
  // Row-by-row Pascal recurrence [m, k] = [m−1, k−1] + q^k [m−1, k].
  let row: number[][] = [[1]];
  for (let i = 1; i <= m; i++) {
    const next: number[][] = [];
    for (let j = 0; j <= Math.min(i, k); j++) {
      const out = new Array<number>(j * (i - j) + 1).fill(0);
      const left = j > 0 ? row[j - 1] : undefined;
      const up = j < i ? row[j] : undefined;
      if (left) for (let p = 0; p < left.length; p++) out[p]! += left[p]!;
      if (up) for (let p = 0; p < up.length; p++) out[p + j]! += up[p]!;
      next.push(out);
    }
    row = next;
  }
  return row[k]!;
}

function multiply(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i + j]! += a[i]! * b[j]!;
  return out;
}

/** Number of distinct orderings with each inversion count, for groups of tied values of the given sizes. */
export function inversionCounts(groupSizes: readonly number[]): number[] {
  let remaining = groupSizes.reduce((s, t) => s + t, 0);
  let poly = [1];
  for (const t of groupSizes) {
    poly = multiply(poly, gaussianBinomial(remaining, t));
    remaining -= t;
  }
  return poly;
}

/** Two-sided exact p-value P(|S| ≥ |s|) under no trend, given the tie group sizes. */
export function exactMannKendallP(s: number, groupSizes: readonly number[]): number {
  const counts = inversionCounts(groupSizes);
  const distinctPairs = counts.length - 1;
  let total = 0;
  let extreme = 0;
  for (let d = 0; d < counts.length; d++) {
    total += counts[d]!;
    if (Math.abs(distinctPairs - 2 * d) >= Math.abs(s)) extreme += counts[d]!;
  }
  return Math.min(1, extreme / total);
}
