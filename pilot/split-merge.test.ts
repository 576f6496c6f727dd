import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../bandits/rng.js';
import { adjustedRandIndex } from './adjusted-rand.js';
import { bisect } from './bisect.js';
import { plantedClusters } from './cluster-fixtures.js';
import { lloyd, squaredNorms } from './lloyd.js';
import { rowMatrix } from './row-matrix.js';
import { membersOf, splitMerge } from './split-merge.js';

describe('split–merge repair', () => {
  const d = 16;
  const { data, labels } = plantedClusters({ n: 900, d, k: 3, noise: 0.3, seed: 11 });
  const m = rowMatrix(data, d);
  const norms = squaredNorms(m);
  const rowsOf = (label: number) => Int32Array.from(Array.from(labels).flatMap((l, i) => (l === label ? [i] : [])));

  it('leaves the local optimum Lloyd cannot: one cluster cut in two, two clusters merged', () => {
    // Two centroids on two rows of cluster 0, one on the sum of clusters 1 and 2.
    const [a, b] = rowsOf(0);
    const start = new Float64Array(3 * d);
    m.addRowTo(a!, start, 0);
    m.addRowTo(b!, start, d);
    for (const i of [...rowsOf(1), ...rowsOf(2)]) m.addRowTo(i, start, 2 * d);
    for (let c = 0; c < 3; c++) {
      const norm = Math.hypot(...start.subarray(c * d, (c + 1) * d));
      for (let j = c * d; j < (c + 1) * d; j++) start[j] = start[j]! / norm;
    }
    const stuck = lloyd(m, start, 3, 100, 0, norms);
    expect(adjustedRandIndex(stuck.assignments, labels)).toBeLessThan(0.7);
    const { run } = splitMerge(m, stuck, 3, { rng: Sfc32.fromSeed(1), maxIterations: 100, tolerance: 0, norms });
    expect(run.objective).toBeGreaterThan(stuck.objective);
    expect(adjustedRandIndex(run.assignments, labels)).toBe(1);
  });

  it('bisects a two-topic cluster along the seam, with a gain far above that of splitting one topic', () => {
    const two = bisect(m, Int32Array.from([...rowsOf(1), ...rowsOf(2)]), Sfc32.fromSeed(2))!;
    const one = bisect(m, rowsOf(0), Sfc32.fromSeed(2))!;
    expect(two.gain).toBeGreaterThan(5 * one.gain);
    expect(bisect(m, Int32Array.of(0), Sfc32.fromSeed(2))).toBeNull();
  });

  it('groups row indices by cluster', () => {
    expect(membersOf(Int32Array.of(1, 0, 1, 2), 4).map((r) => Array.from(r))).toEqual([[1], [0, 2], [3], []]);
  });
});
