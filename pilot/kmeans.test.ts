import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../bandits/rng.js';
import { adjustedRandIndex } from './adjusted-rand.js';
import { plantedClusters } from './cluster-fixtures.js';
import { kmeans, kmeansRows } from './kmeans.js';
import { DenseRows, rowMatrix, SparseRows } from './row-matrix.js';

describe('kmeans (spherical, k-means++)', () => {
  it('recovers planted dense clusters exactly, with unit centroids and consistent inertia', () => {
    const { data, labels } = plantedClusters({ n: 1500, d: 24, k: 6, noise: 0.5, seed: 1 });
    const result = kmeans(data, 24, 6, { rng: Sfc32.fromSeed(1) });
    expect(adjustedRandIndex(result.assignments, labels)).toBe(1);
    expect(result.k).toBe(6);
    let inertia = 0;
    for (let c = 0; c < 6; c++) expect(Math.hypot(...result.centroids.subarray(c * 24, (c + 1) * 24))).toBeCloseTo(1, 5);
    for (let i = 0; i < 1500; i++) {
      const c = result.assignments[i]!;
      let best = -Infinity;
      let own = 0;
      for (let other = 0; other < 6; other++) {
        let s = 0;
        for (let j = 0; j < 24; j++) s += data[i * 24 + j]! * result.centroids[other * 24 + j]!;
        best = Math.max(best, s);
        if (other === c) own = s;
      }
      // Each row sits with its nearest centroid.
      expect(own).toBeCloseTo(best, 5);
      inertia += 1 - own;
    }
    expect(result.inertia).toBeCloseTo(inertia, 3);
  });

  it('seeds on a sample and refines on all rows when n exceeds sampleSize', () => {
    const { data, labels } = plantedClusters({ n: 20_000, d: 64, k: 12, noise: 0.3, seed: 2, sparse: 10 });
    // This data traps plain k-means++ about half the time (two clusters in one, one cut in two): the repair must get out.
    const result = kmeans(data, 64, 12, { rng: Sfc32.fromSeed(5), sampleSize: 2000 });
    expect(adjustedRandIndex(result.assignments, labels)).toBeGreaterThan(0.95);
    expect(result.iterations).toBeGreaterThanOrEqual(1);
    expect(result.iterations).toBeLessThanOrEqual(30);
  });

  it('is deterministic for a seed, and the sparse and dense row forms agree', () => {
    const { data } = plantedClusters({ n: 800, d: 32, k: 4, noise: 0.3, seed: 3, sparse: 5 });
    const a = kmeans(data, 32, 4, { rng: Sfc32.fromSeed(9) });
    const b = kmeans(data, 32, 4, { rng: Sfc32.fromSeed(9) });
    expect(a.assignments).toEqual(b.assignments);
    expect(rowMatrix(data, 32)).toBeInstanceOf(SparseRows);
    const dense = kmeansRows(new DenseRows(data, 32), 4, { rng: Sfc32.fromSeed(9) });
    expect(dense.assignments).toEqual(a.assignments);
    expect(dense.inertia).toBeCloseTo(a.inertia, 6);
  });

  it('starts from given centroids, and repairs empty clusters so k clusters come back', () => {
    const { data } = plantedClusters({ n: 300, d: 8, k: 3, noise: 0.2, seed: 4 });
    // All three start on the same point: two clusters empty after the first assignment.
    const start = new Float32Array(3 * 8);
    for (let c = 0; c < 3; c++) start.set(data.subarray(0, 8), c * 8);
    const result = kmeans(data, 8, 3, { rng: Sfc32.fromSeed(1), initialCentroids: start });
    expect(new Set(result.assignments).size).toBe(3);
  });

  it('never seeds on zero rows, and rejects impossible k', () => {
    const data = new Float32Array(6 * 2);
    data.set([1, 0, 0, 1, 0.6, 0.8], 0); // three nonzero rows, three zero rows
    const result = kmeans(data, 2, 3, { rng: Sfc32.fromSeed(1) });
    expect(new Set(Array.from(result.assignments.subarray(0, 3))).size).toBe(3);
    expect(() => kmeans(data, 2, 7, { rng: Sfc32.fromSeed(1) })).toThrow(RangeError);
    expect(() => kmeans(data, 5, 2, { rng: Sfc32.fromSeed(1) })).toThrow(RangeError);
  });
});
