import { dot, invertSpd, matVec } from '../linalg.js';
import type { Rng } from '../rng.js';
import type { Context, Learner, LearnerState } from '../types.js';

/**
 * LinUCB with disjoint models (Li et al., 2010): one ridge regression per arm,
 * score = θₐ·x + α·√(xᵀ Aₐ⁻¹ x), with Aₐ = λI + Σ x xᵀ and θₐ = Aₐ⁻¹ Σ r x.
 *
 * The sufficient statistics (Σ x xᵀ, Σ r x, n) are the state: they add up, so two copies
 * trained on different traffic merge exactly. A⁻¹ is kept up to date with Sherman–Morrison
 * (O(d²) per update) and rebuilt by Cholesky only on restore or merge.
 */
export interface LinUcbOptions {
  arms: number;
  dimensions: number;
  /** Width of the confidence bonus. */
  alpha: number;
  /** Ridge prior strength λ. */
  lambda: number;
}

export interface LinUcbState extends LearnerState {
  kind: 'linucb';
  arms: number;
  dimensions: number;
  alpha: number;
  lambda: number;
  /** Per arm: Σ x xᵀ (row-major d×d), Σ r x and the update count. */
  xtx: number[][];
  xty: number[][];
  counts: number[];
}

export class LinUcb implements Learner {
  readonly kind = 'linucb';
  readonly arms: number;
  readonly dimensions: number;
  readonly alpha: number;
  readonly lambda: number;
  private readonly xtx: Float64Array[];
  private readonly xty: Float64Array[];
  private readonly counts: number[];
  private readonly inverse: Float64Array[];
  private readonly theta: Float64Array[];
  private readonly scratch: Float64Array;

  constructor(options: LinUcbOptions, state?: LinUcbState) {
    const { arms, dimensions: d } = options;
    if (!(options.lambda > 0)) throw new RangeError(`lambda must be > 0, got ${options.lambda}`);
    if (!(options.alpha >= 0)) throw new RangeError(`alpha must be >= 0, got ${options.alpha}`);
    this.arms = arms;
    this.dimensions = d;
    this.alpha = options.alpha;
    this.lambda = options.lambda;
    this.xtx = [];
    this.xty = [];
    this.counts = [];
    this.inverse = [];
    this.theta = [];
    this.scratch = new Float64Array(d);
    for (let a = 0; a < arms; a++) {
      this.xtx.push(state ? Float64Array.from(state.xtx[a]!) : new Float64Array(d * d));
      this.xty.push(state ? Float64Array.from(state.xty[a]!) : new Float64Array(d));
      this.counts.push(state?.counts[a] ?? 0);
      this.inverse.push(new Float64Array(d * d));
      this.theta.push(new Float64Array(d));
      this.refresh(a);
    }
  }

  static fromState(state: LinUcbState): LinUcb {
    return new LinUcb(state, state);
  }

  scores(x: Context, _rng?: Rng): Float64Array {
    const d = this.dimensions;
    const out = new Float64Array(this.arms);
    for (let a = 0; a < this.arms; a++) {
      const ax = matVec(this.inverse[a]!, x, d, this.scratch);
      const variance = Math.max(0, dot(x, ax, d));
      out[a] = dot(this.theta[a]!, x, d) + this.alpha * Math.sqrt(variance);
    }
    return out;
  }

  /** On-policy learner: the propensity is not needed, every observed reward counts once. */
  learn(x: Context, arm: number, reward: number, _propensity?: number): void {
    const d = this.dimensions;
    const xtx = this.xtx[arm]!;
    const xty = this.xty[arm]!;
    for (let i = 0; i < d; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      xty[i]! += reward * xi;
      const row = i * d;
      for (let j = 0; j < d; j++) xtx[row + j]! += xi * x[j]!;
    }
    this.counts[arm]!++;
    // Sherman–Morrison: (A + xxᵀ)⁻¹ = A⁻¹ − (A⁻¹x)(A⁻¹x)ᵀ / (1 + xᵀA⁻¹x), A⁻¹ symmetric.
    const inv = this.inverse[arm]!;
    const u = matVec(inv, x, d, this.scratch);
    const denominator = 1 + dot(x, u, d);
    for (let i = 0; i < d; i++) {
      const ui = u[i]! / denominator;
      if (ui === 0) continue;
      const row = i * d;
      for (let j = 0; j < d; j++) inv[row + j]! -= ui * u[j]!;
    }
    matVec(inv, xty, d, this.theta[arm]!);
  }

  /** Adds another LinUCB's statistics to this one (same arms, dimensions and prior). */
  merge(other: LinUcbState): void {
    if (other.arms !== this.arms || other.dimensions !== this.dimensions || other.lambda !== this.lambda) {
      throw new RangeError('cannot merge LinUCB states of different shape or prior');
    }
    for (let a = 0; a < this.arms; a++) {
      const xtx = this.xtx[a]!;
      const xty = this.xty[a]!;
      other.xtx[a]!.forEach((v, i) => (xtx[i]! += v));
      other.xty[a]!.forEach((v, i) => (xty[i]! += v));
      this.counts[a]! += other.counts[a]!;
      this.refresh(a);
    }
  }

  toState(): LinUcbState {
    return {
      kind: 'linucb',
      arms: this.arms,
      dimensions: this.dimensions,
      alpha: this.alpha,
      lambda: this.lambda,
      xtx: this.xtx.map((m) => Array.from(m)),
      xty: this.xty.map((v) => Array.from(v)),
      counts: [...this.counts],
    };
  }

  private refresh(arm: number): void {
    const d = this.dimensions;
    const a = Float64Array.from(this.xtx[arm]!);
    for (let i = 0; i < d; i++) a[i * d + i]! += this.lambda;
    this.inverse[arm]!.set(invertSpd(a, d));
    matVec(this.inverse[arm]!, this.xty[arm]!, d, this.theta[arm]!);
  }
}
