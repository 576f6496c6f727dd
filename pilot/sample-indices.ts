/** Uniform random samples of row indices, through an injected seeded generator. */
import type { Rng } from '../bandits/rng.js';

/**
 * `size` distinct indices of [0, n), ascending (rows then stream through memory in order), or
 * all of them when size ≥ n. Partial Fisher–Yates: exact uniform sampling without replacement.
 */
export function sampleIndices(n: number, size: number, rng: Rng): Int32Array {
  if (size >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, size).sort();
}
