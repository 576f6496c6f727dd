import { dot, invertSpd } from '../linalg.js';
import type { Context } from '../types.js';

/** The plain-data part of `RidgeArms`: what is saved, and what adds up across copies. */
export interface RidgeStats {
  /** Per arm: Σ w x xᵀ (row-major d×d), Σ w y x and the update count. */
  xtx: number[][];
  xty: number[][];
  counts: number[];
}

/**
 * One weighted ridge regression per arm (or per tree node): Aₐ = λI + Σ w x xᵀ, bₐ = Σ w y x,
 * θₐ = Aₐ⁻¹ bₐ. Shared by LinUCB, linear Thompson sampling, the IW/DR regressions and the
 * offset tree's node classifiers so that the numerics live in one place.
 *
 * Only the sums are state: they add up, so copies trained on different traffic merge exactly
 * whenever the learner's targets and weights do not depend on the model itself. A⁻¹ is kept
 * current by Sherman–Morrison (O(d²) per update) and rebuilt by Cholesky on restore or merge,
 * which is why a restored copy agrees with the original to rounding (~1e-12), not bit for bit.
 *
 * Both matrices are symmetric, and these O(d²) loops are the hot path of selection and
 * learning, so each is kept in one triangle only: Σ w x xᵀ in its lower triangle (what the
 * Cholesky in invertSpd reads; stats() mirrors it to a full matrix) and A⁻¹ in its upper
 * triangle (the other half goes stale after the first Sherman–Morrison update and is never
 * read). That halves the rank-one updates and the memory traffic of every product.
 */
export class RidgeArms {
  readonly arms: number;
  readonly dimensions: number;
  readonly lambda: number;
  /** Lower triangle only is meaningful. */
  private readonly xtx: Float64Array[] = [];
  private readonly xty: Float64Array[] = [];
  private readonly counts: number[] = [];
  /** Upper triangle only is meaningful. */
  private readonly inverse: Float64Array[] = [];
  readonly theta: Float64Array[] = [];
  private readonly scratch: Float64Array;

  constructor(arms: number, dimensions: number, lambda: number, stats?: RidgeStats) {
    if (!(Number.isInteger(arms) && arms >= 1)) throw new RangeError(`arms must be a positive integer, got ${arms}`);
    if (!(Number.isInteger(dimensions) && dimensions >= 1)) {
      throw new RangeError(`dimensions must be a positive integer, got ${dimensions}`);
    }
    if (!(lambda > 0)) throw new RangeError(`lambda must be > 0, got ${lambda}`);
    const d = dimensions;
    this.arms = arms;
    this.dimensions = d;
    this.lambda = lambda;
    this.scratch = new Float64Array(d);
    for (let a = 0; a < arms; a++) {
      this.xtx.push(stats ? Float64Array.from(stats.xtx[a]!) : new Float64Array(d * d));
      this.xty.push(stats ? Float64Array.from(stats.xty[a]!) : new Float64Array(d));
      this.counts.push(stats?.counts[a] ?? 0);
      this.inverse.push(new Float64Array(d * d));
      this.theta.push(new Float64Array(d));
      this.refresh(a);
    }
  }

  /** θₐ·x: the ridge prediction. */
  predict(arm: number, x: Context): number {
    return dot(this.theta[arm]!, x, this.dimensions);
  }

  /**
   * xᵀAₐ⁻¹x: the posterior variance factor of the prediction, clamped at 0 against rounding.
   * Reads only the upper triangle of the symmetric A⁻¹: half the work of a full product, and
   * this is the O(K·d²) inner loop of every LinUCB or Thompson selection.
   */
  variance(arm: number, x: Context): number {
    const m = this.inverse[arm]!;
    const d = this.dimensions;
    let sum = 0;
    for (let i = 0; i < d; i++) {
      const xi = x[i]!;
      const row = i * d;
      let off = 0;
      for (let j = i + 1; j < d; j++) off += m[row + j]! * x[j]!;
      sum += xi * (m[row + i]! * xi + 2 * off);
    }
    return sum > 0 ? sum : 0;
  }

  /**
   * Adds (x, target) with weight w to one arm. `refreshTheta = false` skips the O(d²) θ update
   * for callers that know θ cannot move (target equal to the current prediction).
   */
  learn(x: Context, arm: number, target: number, weight = 1, refreshTheta = true): void {
    const d = this.dimensions;
    const xtx = this.xtx[arm]!;
    const xty = this.xty[arm]!;
    const wy = weight * target;
    for (let i = 0; i < d; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      xty[i]! += wy * xi;
      const wxi = weight * xi;
      const row = i * d;
      for (let j = 0; j <= i; j++) xtx[row + j]! += wxi * x[j]!;
    }
    this.counts[arm]!++;
    // Sherman–Morrison: (A + w xxᵀ)⁻¹ = A⁻¹ − w (A⁻¹x)(A⁻¹x)ᵀ / (1 + w xᵀA⁻¹x).
    const inv = this.inverse[arm]!;
    const u = upperMatVec(inv, x, d, this.scratch);
    const denominator = 1 + weight * dot(x, u, d);
    for (let i = 0; i < d; i++) {
      const ui = (weight * u[i]!) / denominator;
      if (ui === 0) continue;
      const row = i * d;
      for (let j = i; j < d; j++) inv[row + j]! -= ui * u[j]!;
    }
    if (refreshTheta) upperMatVec(inv, xty, d, this.theta[arm]!);
  }

  /** Adds another copy's sums (same arms, dimensions and λ; the caller checks). */
  add(other: RidgeStats): void {
    for (let a = 0; a < this.arms; a++) {
      const xtx = this.xtx[a]!;
      const xty = this.xty[a]!;
      other.xtx[a]!.forEach((v, i) => (xtx[i]! += v));
      other.xty[a]!.forEach((v, i) => (xty[i]! += v));
      this.counts[a]! += other.counts[a]!;
      this.refresh(a);
    }
  }

  stats(): RidgeStats {
    const d = this.dimensions;
    return {
      xtx: this.xtx.map((m) => {
        const full = Array.from(m);
        for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) full[i * d + j] = full[j * d + i]!;
        return full;
      }),
      xty: this.xty.map((v) => Array.from(v)),
      counts: [...this.counts],
    };
  }

  private refresh(arm: number): void {
    const d = this.dimensions;
    const a = Float64Array.from(this.xtx[arm]!);
    for (let i = 0; i < d; i++) a[i * d + i]! += this.lambda;
    this.inverse[arm]!.set(invertSpd(a, d));
    upperMatVec(this.inverse[arm]!, this.xty[arm]!, d, this.theta[arm]!);
  }
}

/** out = M x for a symmetric d×d M of which only the upper triangle is read. */
function upperMatVec(m: Float64Array, x: ArrayLike<number>, d: number, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < d; i++) {
    const xi = x[i]!;
    const row = i * d;
    let sum = m[row + i]! * xi;
    for (let j = i + 1; j < d; j++) {
      const mij = m[row + j]!;
      sum += mij * x[j]!;
      out[j]! += mij * xi;
    }
    out[i]! += sum;
  }
  return out;
}

/** Throws unless another copy's saved state has the kind, shape and prior a merge needs. */
export function assertMergeable(
  mine: { kind: string; arms: number; dimensions: number; lambda: number },
  other: { kind: string; [key: string]: unknown },
): void {
  if (
    other.kind !== mine.kind ||
    other['arms'] !== mine.arms ||
    other['dimensions'] !== mine.dimensions ||
    other['lambda'] !== mine.lambda
  ) {
    throw new RangeError(`cannot merge a ${other.kind} state of different shape or prior into ${mine.kind}`);
  }
}
