/**
 * Lloyd iterations of spherical k-means over unit rows (Dhillon & Modha 2001): assign each row
 * to the centroid with the largest dot product, replace each centroid by the renormalised sum
 * of its rows. The objective maximised is Σ x·c(x), the sum of cosine similarities.
 */
import type { RowMatrix } from './row-matrix.js';

export interface LloydRun {
  assignments: Int32Array;
  /** x·c(x) of each row. */
  best: Float64Array;
  /** The centroids (k × d) the final assignments were made against. */
  centroids: Float64Array;
  /** Σ best. */
  objective: number;
  iterations: number;
}

export function squaredNorms(m: RowMatrix): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.squaredNorm(i);
  return out;
}

/**
 * Lloyd iterations from `start` (k × d, not modified) until at most tolerance × n rows change
 * cluster or maxIterations passes. Ends on an assignment step, so every row sits with its
 * nearest centroid of the returned `centroids`.
 */
export function lloyd(m: RowMatrix, start: Float64Array, k: number, maxIterations: number, tolerance: number, norms: Float64Array): LloydRun {
  const n = m.rows;
  const d = m.dimensions;
  const centroids = Float64Array.from(start);
  const transposed = new Float64Array(d * k);
  const scores = new Float64Array(k);
  const assignments = new Int32Array(n).fill(-1);
  const best = new Float64Array(n);
  let iterations = 0;
  for (;;) {
    iterations++;
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) transposed[j * k + c] = centroids[c * d + j]!;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      m.scoreCentroids(i, transposed, k, scores);
      let top = 0;
      let topScore = scores[0]!;
      for (let c = 1; c < k; c++) {
        if (scores[c]! > topScore) {
          topScore = scores[c]!;
          top = c;
        }
      }
      if (assignments[i] !== top) {
        assignments[i] = top;
        changed++;
      }
      best[i] = topScore;
    }
    if (changed <= tolerance * n || iterations >= maxIterations) break;
    updateCentroids(m, centroids, k, assignments, best, norms);
  }
  let objective = 0;
  for (let i = 0; i < n; i++) objective += best[i]!;
  return { assignments, best, centroids, objective, iterations };
}

/** Sum vector (k × d) and size of each cluster. */
export function clusterSums(m: RowMatrix, assignments: Int32Array, k: number): { sums: Float64Array; counts: Int32Array } {
  const d = m.dimensions;
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let i = 0; i < m.rows; i++) {
    const c = assignments[i]!;
    counts[c]!++;
    m.addRowTo(i, sums, c * d);
  }
  return { sums, counts };
}

/** Scales v[offset, offset + d) to unit length (a zero slice stays zero); returns its former norm. */
export function normalizeSlice(v: Float64Array, offset: number, d: number): number {
  let norm = 0;
  for (let j = offset; j < offset + d; j++) norm += v[j]! * v[j]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = offset; j < offset + d; j++) v[j] = v[j]! / norm;
  return norm;
}

/** Centroids ← renormalised sums of their rows; an empty cluster takes the worst-fitting nonzero row. */
function updateCentroids(m: RowMatrix, centroids: Float64Array, k: number, assignments: Int32Array, best: Float64Array, norms: Float64Array): void {
  const d = m.dimensions;
  const { sums, counts } = clusterSums(m, assignments, k);
  centroids.set(sums);
  let taken: Set<number> | null = null;
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) {
      taken ??= new Set();
      let worst = -1;
      for (let i = 0; i < m.rows; i++) {
        if (norms[i]! > 0 && !taken.has(i) && (worst < 0 || best[i]! < best[worst]!)) worst = i;
      }
      if (worst >= 0) {
        taken.add(worst);
        m.addRowTo(worst, centroids, c * d);
      }
    }
    normalizeSlice(centroids, c * d, d);
  }
}
