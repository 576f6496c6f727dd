/**
 * Order statistics shared by the trend and anomaly detectors: median, interpolated order
 * statistic and the median absolute deviation. Inputs are never mutated (callers pass views of
 * their own data).
 */

/** 1.4826·MAD estimates σ for normal data: 1/Φ⁻¹(3/4). */
export const MAD_TO_SIGMA = 1.482602218505602;

/** Sorted ascending copy; NaN-free input assumed. */
export function sortedCopy(values: readonly number[]): number[] {
  // Typed-array sort is numeric (Array#sort would compare as strings).
  return Array.from(Float64Array.from(values).sort());
}

/** Median of a non-empty list; NaN for an empty one. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return medianOfSorted(sortedCopy(values));
}

export function medianOfSorted(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The rank-th smallest value (1-based) of a sorted list, linearly interpolated between
 * neighbours for a fractional rank and clamped to the ends; Sen's confidence limits land on
 * fractional ranks whenever √Var(S) is not an integer.
 */
export function orderStatistic(sorted: readonly number[], rank: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const r = Math.min(Math.max(rank, 1), n);
  const lo = Math.floor(r);
  const frac = r - lo;
  const a = sorted[lo - 1]!;
  return frac === 0 || lo >= n ? a : a + frac * (sorted[lo]! - a);
}

/** Median absolute deviation around the given centre. */
export function medianAbsoluteDeviation(values: readonly number[], centre: number): number {
  return median(values.map((v) => Math.abs(v - centre)));
}
