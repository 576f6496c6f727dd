/** Planted clusters of unit vectors for the clustering tests: noisy copies of k random centres. */
import { gaussian, Sfc32 } from '../bandits/rng.js';

export function plantedClusters(options: { n: number; d: number; k: number; noise: number; seed: number; sparse?: number }): { data: Float32Array; labels: Int32Array } {
  const { n, d, k, noise, seed } = options;
  const rng = Sfc32.fromSeed(seed);
  // Sparse centres (as hashed texts are) when `sparse` dimensions are set per centre.
  const centres = Array.from({ length: k }, () => {
    const c = new Float64Array(d);
    if (options.sparse) for (let t = 0; t < options.sparse; t++) c[Math.floor(rng.next() * d)] = 1 + rng.next();
    else for (let j = 0; j < d; j++) c[j] = gaussian(rng);
    return c;
  });
  const data = new Float32Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = Math.floor(rng.next() * k);
    labels[i] = label;
    const c = centres[label]!;
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const base = options.sparse ? (c[j] !== 0 && rng.next() < 0.7 ? c[j]! : 0) : c[j]!;
      const v = base + (options.sparse ? (rng.next() < 2 / d ? noise : 0) : noise * gaussian(rng));
      data[i * d + j] = v;
      norm += v * v;
    }
    if (norm === 0) {
      data[i * d] = 1;
      norm = 1;
    }
    for (let j = 0; j < d; j++) data[i * d + j] = data[i * d + j]! / Math.sqrt(norm);
  }
  return { data, labels };
}
