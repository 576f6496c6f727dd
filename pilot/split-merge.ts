/**
 * Repairs the local optimum that Lloyd iterations cannot leave and that k-means++ seeding hits
 * often on topic data: two topics sharing one cluster while a third topic is cut in two. With
 * S_c the sum of a cluster's rows, the spherical k-means objective after a centroid update is
 * Σ_c ‖S_c‖, so both halves of the repair can be priced exactly:
 *
 * - merging clusters i and j loses ‖S_i‖ + ‖S_j‖ − ‖S_i + S_j‖ (smallest for the two halves of
 *   one topic);
 * - splitting cluster c in two (bisect.ts) gains ‖S_a‖ + ‖S_b‖ − ‖S_c‖ (largest for two topics).
 *
 * While the best split gains more than the cheapest merge loses, do both and rerun Lloyd. Every
 * accepted round strictly raises the objective, so this terminates; `maxRounds` bounds it.
 */
import type { Rng } from '../bandits/rng.js';
import type { Bisection } from './bisect.js';
import { bisect } from './bisect.js';
import type { LloydRun } from './lloyd.js';
import { clusterSums, lloyd, normalizeSlice } from './lloyd.js';
import type { RowMatrix } from './row-matrix.js';

export interface SplitMergeOptions {
  rng: Rng;
  maxRounds?: number;
  maxIterations: number;
  tolerance: number;
  norms: Float64Array;
}

export interface Repaired {
  run: LloydRun;
  /** Best split of each of run's clusters, when the last round computed them for this very run (bisecting goes on from there). */
  splits: Array<Bisection | null> | null;
}

/** The best split of each cluster of a run (null for clusters that cannot split). */
export function bisectAll(m: RowMatrix, run: LloydRun, k: number, rng: Rng): Array<Bisection | null> {
  return membersOf(run.assignments, k).map((members) => bisect(m, members, rng));
}

export function splitMerge(m: RowMatrix, run: LloydRun, k: number, options: SplitMergeOptions): Repaired {
  if (k < 3) return { run, splits: null };
  const d = m.dimensions;
  const maxRounds = options.maxRounds ?? k;
  for (let round = 0; round < maxRounds; round++) {
    const { sums } = clusterSums(m, run.assignments, k);
    const lengths = Array.from({ length: k }, (_, c) => Math.sqrt(sums.subarray(c * d, (c + 1) * d).reduce((s, v) => s + v * v, 0)));
    let mergeLoss = Infinity;
    let pair: [number, number] = [0, 1];
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        let joined = 0;
        for (let t = 0; t < d; t++) {
          const v = sums[i * d + t]! + sums[j * d + t]!;
          joined += v * v;
        }
        const loss = lengths[i]! + lengths[j]! - Math.sqrt(joined);
        if (loss < mergeLoss) {
          mergeLoss = loss;
          pair = [i, j];
        }
      }
    }
    const splits = bisectAll(m, run, k, options.rng);
    let chosen = -1;
    for (let c = 0; c < k; c++) {
      if (c !== pair[0] && c !== pair[1] && splits[c] && (chosen < 0 || splits[c]!.gain > splits[chosen]!.gain)) chosen = c;
    }
    // A margin so that floating-point noise cannot make the loop cycle.
    if (chosen < 0 || splits[chosen]!.gain <= mergeLoss + 1e-9 * run.objective) return { run, splits };
    const split = splits[chosen]!;
    const start = Float64Array.from(run.centroids);
    const [i, j] = pair;
    for (let t = 0; t < d; t++) start[i * d + t] = sums[i * d + t]! + sums[j * d + t]!;
    normalizeSlice(start, i * d, d);
    start.set(split.a, chosen * d);
    start.set(split.b, j * d);
    const next = lloyd(m, start, k, options.maxIterations, options.tolerance, options.norms);
    if (next.objective <= run.objective) break;
    run = next;
  }
  return { run, splits: null };
}

/** Row indices of each cluster. */
export function membersOf(assignments: Int32Array, k: number): Int32Array[] {
  const counts = new Int32Array(k);
  for (const c of assignments) counts[c]!++;
  const out = Array.from({ length: k }, (_, c) => new Int32Array(counts[c]!));
  const fill = new Int32Array(k);
  assignments.forEach((c, i) => {
    out[c]![fill[c]!++] = i;
  });
  return out;
}
