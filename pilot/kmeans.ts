/**
 * Spherical k-means (Dhillon & Modha 2001) over unit rows: a row joins the centroid with the
 * largest dot product (cosine), a centroid is the renormalised sum of its rows. `inertia` is the
 * sum of cosine distances Σ (1 − x·c), half the Euclidean inertia.
 *
 * Seeding is greedy k-means++ (kmeans-seeding.ts). On topic data Lloyd iterations from such
 * seeds still end, about half the time, with two topics in one cluster and another topic cut in
 * two; restarts alone would need many tries, so each converged run also goes through the
 * split–merge repair (split-merge.ts), which prices that move exactly and takes it when it pays.
 *
 * For large n the seeding, restarts and repair run on a random sample of `sampleSize` rows, to
 * convergence; then a few Lloyd passes over all rows refine the best sample solution. Topics
 * with hundreds of rows in the sample are placed well already, so the full passes converge in
 * a handful. A full pass stops when at most `tolerance` × n rows changed cluster.
 *
 * An emptied cluster is re-seeded with the worst-fitting row, so exactly k clusters come back
 * whenever there are at least k distinct nonzero rows.
 */
import type { Rng } from '../bandits/rng.js';
import { seedCentroids } from './kmeans-seeding.js';
import type { LloydRun } from './lloyd.js';
import { lloyd, squaredNorms } from './lloyd.js';
import type { RowMatrix } from './row-matrix.js';
import { rowMatrix } from './row-matrix.js';
import { sampleIndices } from './sample-indices.js';
import { splitMerge } from './split-merge.js';

export interface KMeansOptions {
  rng: Rng;
  /** Cap on Lloyd passes over all rows. Default 30. */
  maxIterations?: number;
  /** Seed and converge on a random sample of this many rows when n is larger. Default 8192. */
  sampleSize?: number;
  /** Seedings tried (on the sample), keeping the best objective. Default 2: with the repair, more rarely change anything. */
  restarts?: number;
  /** Fraction of rows allowed to change cluster in a pass that counts as converged. Default 0.0005. */
  tolerance?: number;
  /** Start from these k × d centroids instead of seeding (no restarts, no repair). */
  initialCentroids?: Float32Array | Float64Array;
}

export interface KMeansResult {
  k: number;
  /** Cluster of each row, in [0, k). */
  assignments: Int32Array;
  /** Unit centroids, row-major k × d. */
  centroids: Float32Array;
  /** Σ over rows of (1 − x·c) for the row's centroid. */
  inertia: number;
  /** Lloyd passes over all rows. */
  iterations: number;
}

/** k-means of the rows of a contiguous row-major n × dimensions Float32Array of unit vectors. */
export function kmeans(data: Float32Array, dimensions: number, k: number, options: KMeansOptions): KMeansResult {
  return kmeansRows(rowMatrix(data, dimensions), k, options);
}

export function kmeansRows(m: RowMatrix, k: number, options: KMeansOptions): KMeansResult {
  const run = kmeansRun(m, k, options);
  let inertia = 0;
  for (let i = 0; i < run.best.length; i++) inertia += 1 - run.best[i]!;
  return { k, assignments: run.assignments, centroids: Float32Array.from(run.centroids), inertia, iterations: run.iterations };
}

/** The converged run, for callers that go on working with it (choose-k.ts). */
export function kmeansRun(m: RowMatrix, k: number, options: KMeansOptions): LloydRun {
  const n = m.rows;
  const d = m.dimensions;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k must be an integer in [1, ${n}], got ${k}`);
  const maxIterations = options.maxIterations ?? 30;
  const sampleSize = options.sampleSize ?? 8192;
  const restarts = Math.max(1, options.restarts ?? 2);
  const tolerance = options.tolerance ?? 0.0005;

  if (options.initialCentroids) {
    if (options.initialCentroids.length !== k * d) throw new RangeError(`initialCentroids must hold ${k} × ${d} values`);
    return lloyd(m, Float64Array.from(options.initialCentroids), k, maxIterations, tolerance, squaredNorms(m));
  }
  const sampled = n > sampleSize;
  const sample = sampled ? m.subset(sampleIndices(n, sampleSize, options.rng)) : m;
  const norms = squaredNorms(sample);
  // On a sample, run to full convergence: it is cheap there, and the full passes start closer.
  const [iterations, tol] = sampled ? [100, 0] : [maxIterations, tolerance];
  let best: LloydRun | null = null;
  for (let r = 0; r < restarts; r++) {
    const seeded = lloyd(sample, seedCentroids(sample, k, options.rng, norms), k, iterations, tol, norms);
    const { run } = splitMerge(sample, seeded, k, { rng: options.rng, maxIterations: iterations, tolerance: tol, norms });
    if (!best || run.objective > best.objective) best = run;
  }
  if (!sampled) return best!;
  return lloyd(m, best!.centroids, k, maxIterations, tolerance, squaredNorms(m));
}
