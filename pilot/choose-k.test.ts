import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../bandits/rng.js';
import { chooseK } from './choose-k.js';
import { plantedClusters } from './cluster-fixtures.js';
import { DenseRows, rowMatrix } from './row-matrix.js';
import { meanSilhouette } from './silhouette.js';

describe('meanSilhouette', () => {
  it('equals the pairwise definition with cosine distance', () => {
    const { data, labels } = plantedClusters({ n: 120, d: 10, k: 4, noise: 1, seed: 7 });
    labels[0] = 3; // some misfits
    labels[1] = 2;
    const n = 120;
    const cos = (i: number, j: number) => data.subarray(i * 10, i * 10 + 10).reduce((s, v, t) => s + v * data[j * 10 + t]!, 0);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const sums = [0, 0, 0, 0];
      const counts = [0, 0, 0, 0];
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        sums[labels[j]!]! += 1 - cos(i, j);
        counts[labels[j]!]!++;
      }
      const a = sums[labels[i]!]! / counts[labels[i]!]!;
      const b = Math.min(...[0, 1, 2, 3].filter((c) => c !== labels[i]).map((c) => sums[c]! / counts[c]!));
      total += (b - a) / Math.max(a, b);
    }
    expect(meanSilhouette(new DenseRows(data, 10), labels, 4)).toBeCloseTo(total / n, 6);
    expect(meanSilhouette(rowMatrix(data, 10), labels, 4)).toBeCloseTo(total / n, 6);
  });

  it('scores singletons 0 and rejects labels out of range', () => {
    const data = Float32Array.of(1, 0, 0, 1, 0.6, 0.8);
    expect(meanSilhouette(new DenseRows(data, 2), [0, 1, 2], 3)).toBe(0);
    expect(() => meanSilhouette(new DenseRows(data, 2), [0, 1, 5], 3)).toThrow(RangeError);
  });
});

describe('chooseK', () => {
  it('finds the planted number of clusters, dense or sparse', () => {
    for (const [k, d, sparse] of [[3, 24, undefined], [7, 24, undefined], [12, 64, 8]] as const) {
      const { data } = plantedClusters({ n: 3000, d, k, noise: 0.5, seed: k, ...(sparse ? { sparse } : {}) });
      const result = chooseK(data, d, { rng: Sfc32.fromSeed(1), kMax: 20 });
      expect(result.k).toBe(k);
      expect(result.sampleSize).toBe(2000);
      expect(result.silhouettes.map((s) => s.k)).toEqual(Array.from({ length: 19 }, (_, i) => i + 2));
      expect(result.centroids).toHaveLength(k * d);
    }
  });

  it('does not count a cluster of one odd row as a topic', () => {
    const { data } = plantedClusters({ n: 300, d: 16, k: 3, noise: 0.02, seed: 5 });
    // One row pointing away from every cluster: isolating it raises the silhouette, but it is no topic.
    const withOutlier = new Float32Array(301 * 16);
    withOutlier.set(data);
    withOutlier.set(Float32Array.from({ length: 16 }, (_, j) => (j % 2 ? -0.25 : 0.25)), 300 * 16);
    // No tolerance, so only the cluster-size rule stands between the outlier and k = 4.
    const result = chooseK(withOutlier, 16, { rng: Sfc32.fromSeed(1), kMax: 8, tolerance: 0 });
    const at = (k: number) => result.silhouettes.find((s) => s.k === k)!;
    expect(at(4).silhouette).toBeGreaterThan(at(3).silhouette);
    expect(at(4).smallestCluster).toBe(1);
    expect(result.k).toBe(3);
    expect(result.criterion).toMatch(/clusters of at least 4 rows; smallest k within 0% of the best/);
  });

  it('is deterministic for a seed and caps kMax by the sample', () => {
    const { data } = plantedClusters({ n: 40, d: 8, k: 3, noise: 0.4, seed: 1 });
    const a = chooseK(data, 8, { rng: Sfc32.fromSeed(4), kMax: 100 });
    const b = chooseK(data, 8, { rng: Sfc32.fromSeed(4), kMax: 100 });
    expect(a).toEqual(b);
    expect(a.silhouettes.at(-1)!.k).toBe(39);
    expect(a.k).toBe(3);
  });
});
