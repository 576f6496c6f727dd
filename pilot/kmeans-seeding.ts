/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007; the greedy variant scikit-learn uses):
 * each new centre is the best of 2 + ⌊ln k⌋ candidates drawn with probability proportional to
 * their distance to the nearest centre so far, "best" meaning the one that lowers the total
 * distance most. Plain k-means++ now and then puts two seeds in one topic and none in another,
 * and Lloyd iterations rarely repair that; the extra candidates make it much rarer.
 *
 * Distance is cosine distance 1 − x·c on unit rows (half the squared Euclidean distance, so this
 * is exactly k-means++'s D² weighting). Zero rows (texts with no words) are never chosen.
 */
import type { Rng } from '../bandits/rng.js';
import type { RowMatrix } from './row-matrix.js';

/** k unit centroids, row-major k × d, each a copy of a row of m. */
export function seedCentroids(m: RowMatrix, k: number, rng: Rng, squaredNorms: Float64Array): Float64Array {
  const n = m.rows;
  const d = m.dimensions;
  const centroids = new Float64Array(k * d);
  const candidate = new Float64Array(d);
  const score = new Float64Array(1);
  const closest = new Float64Array(n);
  const trial = new Float64Array(n);
  const bestTrial = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const trials = 2 + Math.floor(Math.log(k));

  const nonzero: number[] = [];
  for (let i = 0; i < n; i++) if (squaredNorms[i]! > 0) nonzero.push(i);
  if (nonzero.length === 0) return centroids;

  /** Distances of every row to row `pick` into `out`, capped by `cap` when given; returns their sum. */
  const distances = (pick: number, out: Float64Array, cap: Float64Array | null): number => {
    candidate.fill(0);
    m.addRowTo(pick, candidate, 0);
    let total = 0;
    for (let i = 0; i < n; i++) {
      let dist = 0;
      if (squaredNorms[i]! > 0) {
        m.scoreCentroids(i, candidate, 1, score);
        dist = Math.max(0, 1 - score[0]!);
      }
      if (cap && cap[i]! < dist) dist = cap[i]!;
      out[i] = dist;
      total += dist;
    }
    return total;
  };
  const place = (c: number, pick: number) => {
    m.addRowTo(pick, centroids, c * d);
    const norm = Math.sqrt(squaredNorms[pick]!);
    for (let j = c * d; j < (c + 1) * d; j++) centroids[j] = centroids[j]! / norm;
  };

  const first = nonzero[Math.floor(rng.next() * nonzero.length)]!;
  place(0, first);
  let potential = distances(first, closest, null);
  for (let c = 1; c < k; c++) {
    if (potential <= 0) {
      // Fewer distinct rows than k: any row will do, Lloyd's empty-cluster repair takes over.
      place(c, nonzero[Math.floor(rng.next() * nonzero.length)]!);
      continue;
    }
    let running = 0;
    for (let i = 0; i < n; i++) cumulative[i] = running += closest[i]!;
    let bestPick = -1;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      const pick = upperBound(cumulative, rng.next() * running);
      const total = distances(pick, trial, closest);
      if (total < bestPotential) {
        bestPotential = total;
        bestPick = pick;
        bestTrial.set(trial);
      }
    }
    place(c, bestPick);
    closest.set(bestTrial);
    potential = bestPotential;
  }
  return centroids;
}

/** First index whose cumulative value exceeds x (rows of zero weight are never returned). */
function upperBound(cumulative: Float64Array, x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
