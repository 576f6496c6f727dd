/**
 * The best split of one cluster in two, for bisecting and for split–merge repair. The first
 * cut is by the sign of the projection on the cluster's principal direction (PDDP, Boley 1998:
 * deterministic given the start vector, and it finds the seam between two topics that share a
 * cluster), refined by a few spherical 2-means iterations. The gain is how much the objective
 * Σ x·c(x) grows: ‖S_a‖ + ‖S_b‖ − ‖S_a + S_b‖ for the halves' sum vectors.
 */
import type { Rng } from '../bandits/rng.js';
import { normalizeSlice } from './lloyd.js';
import type { RowMatrix } from './row-matrix.js';

export interface Bisection {
  gain: number;
  /** Unit centroids of the two halves. */
  a: Float64Array;
  b: Float64Array;
}

const POWER_ITERATIONS = 4;
const REFINE_ITERATIONS = 4;

/** Splits the rows `members` of m; null for fewer than two rows. */
export function bisect(m: RowMatrix, members: Int32Array, rng: Rng): Bisection | null {
  const count = members.length;
  if (count < 2) return null;
  const d = m.dimensions;
  const score = new Float64Array(1);
  const mean = new Float64Array(d);
  for (const i of members) m.addRowTo(i, mean, 0);
  let total = 0;
  for (let j = 0; j < d; j++) total += mean[j]! * mean[j]!;
  total = Math.sqrt(total);
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / count;

  // Power iteration on the covariance Σ (x − μ)(x − μ)ᵀ without forming it.
  let v = new Float64Array(d);
  let next = new Float64Array(d);
  for (let j = 0; j < d; j++) v[j] = rng.next() - 0.5;
  for (let it = 0; it < POWER_ITERATIONS; it++) {
    const meanDot = dotDense(mean, v);
    next.fill(0);
    let projectionSum = 0;
    for (const i of members) {
      m.scoreCentroids(i, v, 1, score);
      const p = score[0]! - meanDot;
      m.addScaledRowTo(i, next, 0, p);
      projectionSum += p;
    }
    for (let j = 0; j < d; j++) next[j] = next[j]! - projectionSum * mean[j]!;
    if (normalizeSlice(next, 0, d) === 0) break;
    [v, next] = [next, v];
  }

  // Cut by the sign of the projection, then refine with 2-means.
  const side = new Uint8Array(count);
  const meanDot = dotDense(mean, v);
  members.forEach((i, r) => {
    m.scoreCentroids(i, v, 1, score);
    side[r] = score[0]! - meanDot > 0 ? 1 : 0;
  });
  const centroids = new Float64Array(2 * d);
  const transposed = new Float64Array(2 * d);
  const scores = new Float64Array(2);
  let norms = [0, 0];
  for (let it = 0; ; it++) {
    centroids.fill(0);
    members.forEach((i, r) => m.addRowTo(i, centroids, side[r]! * d));
    norms = [normalizeSlice(centroids, 0, d), normalizeSlice(centroids, d, d)];
    if (norms[0] === 0 || norms[1] === 0 || it === REFINE_ITERATIONS) break;
    for (let j = 0; j < d; j++) {
      transposed[2 * j] = centroids[j]!;
      transposed[2 * j + 1] = centroids[d + j]!;
    }
    let changed = 0;
    members.forEach((i, r) => {
      m.scoreCentroids(i, transposed, 2, scores);
      const s = scores[1]! > scores[0]! ? 1 : 0;
      if (s !== side[r]) changed++;
      side[r] = s;
    });
    if (changed === 0) break;
  }
  if (norms[0] === 0 || norms[1] === 0) return null;
  return { gain: norms[0]! + norms[1]! - total, a: centroids.slice(0, d), b: centroids.slice(d) };
}

function dotDense(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return s;
}
