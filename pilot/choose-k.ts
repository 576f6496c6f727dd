/**
 * Chooses the number of clusters. Criterion: the mean cosine silhouette (silhouette.ts) of a
 * spherical k-means clustering of a random sample of at most `sampleSize` rows (default 2,000),
 * for every k in [kMin, kMax] (default 2..30). Only clusterings whose every cluster holds at
 * least 1% of the sample (and at least 2 rows) count: a handful of near-duplicate messages or
 * one odd message is not a topic, yet the silhouette rewards isolating it. Among those, the
 * answer is the smallest k whose silhouette is within `tolerance` (default 0.01, relative:
 * 1% of the best silhouette) of the best. Preferring the smaller k among near-ties stops noise
 * from splitting a topic in two; the tolerance is relative because with many topics one more
 * correct cluster lifts the mean silhouette by only a few thousandths, while on a tiny corpus of
 * near-identical messages every silhouette is close to 1.
 *
 * The clusterings for successive k are built as a chain, as bisecting k-means does: the
 * solution for k + 1 starts from the one for k with its most profitable split (bisect.ts), then
 * Lloyd iterations and the split–merge repair (split-merge.ts) polish it. That costs a few Lloyd
 * passes per k instead of a fresh seeding and convergence, and a chain never starts from the
 * two-topics-in-one-cluster seeding that independent runs often do.
 *
 * The same rng stream drives sampling and every split, so a seed fixes the answer.
 */
import type { Rng } from '../bandits/rng.js';
import type { Bisection } from './bisect.js';
import type { LloydRun } from './lloyd.js';
import { clusterSums, lloyd, normalizeSlice, squaredNorms } from './lloyd.js';
import type { RowMatrix } from './row-matrix.js';
import { DenseRows, rowMatrix } from './row-matrix.js';
import { sampleIndices } from './sample-indices.js';
import { meanSilhouette } from './silhouette.js';
import { bisectAll, splitMerge } from './split-merge.js';

export interface ChooseKOptions {
  rng: Rng;
  kMin?: number;
  kMax?: number;
  sampleSize?: number;
  tolerance?: number;
}

export interface ChooseKResult {
  k: number;
  /** Silhouette and smallest cluster of each k tried, ascending k. */
  silhouettes: Array<{ k: number; silhouette: number; smallestCluster: number }>;
  /** Rows the silhouettes were computed on. */
  sampleSize: number;
  /** Unit centroids (k × d) of the chosen clustering of the sample: a starting point for k-means on all rows. */
  centroids: Float32Array;
  /** The rule as applied, in words, for reports. */
  criterion: string;
}

const LLOYD_ITERATIONS = 50;
const MIN_CLUSTER_SHARE = 0.01;
const REPAIR_ROUNDS = 3;

export function chooseK(data: Float32Array, dimensions: number, options: ChooseKOptions): ChooseKResult {
  // Only the sample is ever read: copy it out before choosing its sparse or dense form.
  const all = new DenseRows(data, dimensions);
  const sample = all.subset(sampleIndices(all.rows, options.sampleSize ?? 2000, options.rng));
  return onSample(rowMatrix(sample.data, dimensions), options);
}

export function chooseKRows(m: RowMatrix, options: ChooseKOptions): ChooseKResult {
  return onSample(m.subset(sampleIndices(m.rows, options.sampleSize ?? 2000, options.rng)), options);
}

function onSample(sample: RowMatrix, options: ChooseKOptions): ChooseKResult {
  const { rng } = options;
  const d = sample.dimensions;
  const kMin = Math.max(2, options.kMin ?? 2);
  // A silhouette needs at least one cluster with two rows and one other cluster.
  const kMax = Math.min(options.kMax ?? 30, sample.rows - 1);
  const tolerance = options.tolerance ?? 0.01;
  const minCluster = Math.max(2, Math.ceil(MIN_CLUSTER_SHARE * sample.rows));
  const norms = squaredNorms(sample);

  const whole = new Float64Array(d);
  for (let i = 0; i < sample.rows; i++) sample.addRowTo(i, whole, 0);
  normalizeSlice(whole, 0, d);
  let run: LloydRun = lloyd(sample, whole, 1, 1, 0, norms);
  let splits: Array<Bisection | null> | null = null;
  const silhouettes: ChooseKResult['silhouettes'] = [];
  const centroidsByK = new Map<number, Float64Array>();
  for (let k = 2; k <= kMax; k++) {
    const grown = grow(sample, run, k - 1, splits ?? bisectAll(sample, run, k - 1, rng));
    if (!grown) break;
    ({ run, splits } = splitMerge(sample, lloyd(sample, grown, k, LLOYD_ITERATIONS, 0, norms), k, {
      rng, maxRounds: REPAIR_ROUNDS, maxIterations: LLOYD_ITERATIONS, tolerance: 0, norms,
    }));
    if (k < kMin) continue;
    const sizes = new Int32Array(k);
    for (const c of run.assignments) sizes[c]!++;
    silhouettes.push({ k, silhouette: meanSilhouette(sample, run.assignments, k), smallestCluster: Math.min(...sizes) });
    centroidsByK.set(k, run.centroids);
  }
  const criterion =
    `mean cosine silhouette over ${sample.rows} sampled rows for k in ${kMin}..${Math.max(kMin, kMax)}, ` +
    `clusters of at least ${minCluster} rows; smallest k within ${100 * tolerance}% of the best`;
  if (silhouettes.length === 0) {
    const k = Math.min(kMin, Math.max(1, sample.rows));
    return { k, silhouettes, sampleSize: sample.rows, centroids: new Float32Array(0), criterion: `${criterion} (too few rows: k = ${k})` };
  }
  const eligible = silhouettes.filter((s) => s.smallestCluster >= minCluster);
  // With no clustering free of tiny clusters (a tiny corpus), judge them all.
  const candidates = eligible.length > 0 ? eligible : silhouettes;
  const best = Math.max(...candidates.map((s) => s.silhouette));
  const chosen = candidates.find((s) => s.silhouette >= best - tolerance * Math.abs(best))!;
  return { k: chosen.k, silhouettes, sampleSize: sample.rows, centroids: Float32Array.from(centroidsByK.get(chosen.k)!), criterion };
}

/** The k + 1 centroids after the most profitable of `splits` of run's k clusters; null when none can split. */
function grow(m: RowMatrix, run: LloydRun, k: number, splits: Array<Bisection | null>): Float64Array | null {
  const d = m.dimensions;
  let best = -1;
  for (let c = 0; c < k; c++) if (splits[c] && (best < 0 || splits[c]!.gain > splits[best]!.gain)) best = c;
  if (best < 0) return null;
  const split = splits[best]!;
  const next = new Float64Array((k + 1) * d);
  // Centroids of the sums, not run.centroids: the chain's Lloyd run ended on an assignment step.
  const { sums } = clusterSums(m, run.assignments, k);
  next.set(sums);
  for (let c = 0; c < k; c++) normalizeSlice(next, c * d, d);
  next.set(split.a, best * d);
  next.set(split.b, k * d);
  return next;
}
