/**
 * Scrambled Halton sequence: coordinate k is the radical inverse of the index in the k-th prime,
 * with an independent random permutation of the digits at every digit position (random-digit
 * scrambling). Plain Halton lines up badly in higher dimensions (large primes make long
 * correlated runs); the permutations break that while keeping the low discrepancy.
 */
import type { Rng } from '../bandits/rng.js';

const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173];

export const MAX_HALTON_DIM = PRIMES.length;

export class ScrambledHalton {
  /** perms[k][j] permutes the digits at position j (1-based b^{-(j+1)} place) in dimension k. */
  private readonly perms: Uint16Array[][] = [];

  constructor(readonly dim: number, rng: Rng) {
    if (dim > MAX_HALTON_DIM) throw new Error(`ScrambledHalton supports up to ${MAX_HALTON_DIM} dimensions (got ${dim})`);
    for (let k = 0; k < dim; k++) {
      const base = PRIMES[k]!;
      // Enough digit positions to resolve double precision.
      const levels = Math.ceil(53 / Math.log2(base));
      const dimPerms: Uint16Array[] = [];
      for (let j = 0; j < levels; j++) {
        const perm = Uint16Array.from({ length: base }, (_, i) => i);
        for (let i = base - 1; i > 0; i--) {
          const r = Math.floor(rng.next() * (i + 1));
          const t = perm[i]!;
          perm[i] = perm[r]!;
          perm[r] = t;
        }
        dimPerms.push(perm);
      }
      this.perms.push(dimPerms);
    }
  }

  point(index: number): number[] {
    const out = new Array<number>(this.dim);
    for (let k = 0; k < this.dim; k++) {
      const base = PRIMES[k]!;
      const perms = this.perms[k]!;
      let i = index;
      let scale = 1 / base;
      let x = 0;
      // Every level is scrambled, including the zero digits beyond the index's length.
      for (let j = 0; j < perms.length; j++) {
        x += perms[j]![i % base]! * scale;
        i = Math.floor(i / base);
        scale /= base;
      }
      out[k] = Math.min(x, 1 - Number.EPSILON);
    }
    return out;
  }
}
