import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../bandits/rng.js';
import { ScrambledHalton } from './halton.js';

/** Warnock's closed form for the L2-star discrepancy of points in [0,1]^d. */
function l2StarDiscrepancy(points: number[][]): number {
  const n = points.length;
  const d = points[0]!.length;
  let a = 0;
  for (const p of points) a += p.reduce((prod, v) => prod * (1 - v * v), 1);
  let b = 0;
  for (const p of points) for (const q of points) b += p.reduce((prod, v, k) => prod * (1 - Math.max(v, q[k]!)), 1);
  return Math.sqrt(3 ** -d - (2 ** (1 - d) / n) * a + b / (n * n));
}

describe('ScrambledHalton', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = new ScrambledHalton(5, Sfc32.fromSeed(3));
    const b = new ScrambledHalton(5, Sfc32.fromSeed(3));
    const c = new ScrambledHalton(5, Sfc32.fromSeed(4));
    expect(a.point(17)).toEqual(b.point(17));
    expect(a.point(17)).not.toEqual(c.point(17));
  });

  it('is more even than uniform random points', () => {
    for (const d of [2, 6]) {
      const halton = new ScrambledHalton(d, Sfc32.fromSeed(1));
      const qmc = Array.from({ length: 256 }, (_, i) => halton.point(i));
      expect(qmc.flat().every((v) => v >= 0 && v < 1)).toBe(true);
      const rng = Sfc32.fromSeed(1);
      const randomDiscrepancies = [1, 2, 3, 4, 5].map(() => l2StarDiscrepancy(Array.from({ length: 256 }, () => Array.from({ length: d }, () => rng.next()))));
      expect(l2StarDiscrepancy(qmc)).toBeLessThan(Math.min(...randomDiscrepancies));
    }
  });
});
