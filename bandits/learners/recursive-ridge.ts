import { invertSpd, matVec, symmetrize } from '../linalg.js';
import type { Rng } from '../rng.js';
import type { Context, Learner, LearnerState } from '../types.js';

/**
 * One ridge regression per arm, kept by recursive least squares, plus a short-memory recency
 * correction. The router's default learner.
 *
 *   prediction_a(x) = θ_a·x + ρ_a  [+ α·√(xᵀ P_a x) when α > 0, the LinUCB bonus]
 *
 * θ_a, P_a = (Λ + Σ x xᵀ)⁻¹: the ridge fit of the rewards of arm a, with Λ = diag(λ₀, λ, …, λ)
 *   (feature 0 is the bias; λ₀ is small so an arm's mean is not shrunk toward 0).
 * ρ_a: an exponentially weighted mean of arm a's recent residuals r − θ_a·x − ρ_a (rate η) that
 *   every round multiplies by γ, so it fades back to 0 when the arm is not played. It lets the
 *   router notice within a few dozen requests that a provider got worse (an outage, a model
 *   change, a run of questions it cannot do) without forgetting what the ridge fit knows.
 *
 * Updates cost O(d·nnz(x) + d²) for the played arm and scoring O(K·d) (O(K·d²) with α > 0), which
 * is what lets the replay benchmark run shuttle-shaped tables at several hundred thousand rows a
 * second. State is (P_a, θ_a) exactly, so serialize → restore continues bit for bit; merging two
 * copies adds their precision matrices and moments (ridge statistics add up), which costs O(d³).
 */
export interface RecursiveRidgeOptions {
  arms: number;
  dimensions: number;
  /** Prior precision λ of every weight but the bias. */
  lambda: number;
  /** Prior precision λ₀ of the bias weight (feature 0). */
  biasLambda?: number;
  /** LinUCB-style confidence bonus; 0 = greedy (exploration is then the explorer's job). */
  alpha?: number;
  /** Per-round fade γ of the recency correction (1 = never fades). */
  driftDecay?: number;
  /** Rate η at which the recency correction follows residuals (0 = off). */
  driftRate?: number;
  /** Optimism c/√(1 + n_a) for an arm played n_a times: no arm is written off on a few unlucky first plays. */
  countBonus?: number;
}

export interface RecursiveRidgeState extends LearnerState {
  kind: 'recursive-ridge';
  options: Required<RecursiveRidgeOptions>;
  /** Per arm: P (row-major d×d) and θ. */
  precisionInverse: number[][];
  theta: number[][];
  drift: number[];
  counts: number[];
}

const DEFAULTS = { biasLambda: 0.01, alpha: 0, driftDecay: 0.999, driftRate: 0.05, countBonus: 0 };

export class RecursiveRidge implements Learner {
  readonly kind = 'recursive-ridge';
  readonly arms: number;
  readonly dimensions: number;
  readonly options: Required<RecursiveRidgeOptions>;
  private readonly p: Float64Array[] = [];
  /** θ of every arm back to back (arm a at a·d), so scoring walks one array; `theta[a]` are views into it. */
  private readonly weights: Float64Array;
  private readonly theta: Float64Array[] = [];
  private readonly drift: Float64Array;
  private readonly counts: Float64Array;
  private readonly u: Float64Array;
  private readonly nonzero: Int32Array;

  constructor(options: RecursiveRidgeOptions, state?: RecursiveRidgeState) {
    const o = { ...DEFAULTS, ...options };
    if (!(o.lambda > 0) || !(o.biasLambda > 0)) throw new RangeError('lambda and biasLambda must be > 0');
    if (!(o.alpha >= 0)) throw new RangeError(`alpha must be >= 0, got ${o.alpha}`);
    if (!(o.driftDecay >= 0 && o.driftDecay <= 1) || !(o.driftRate >= 0 && o.driftRate <= 1)) {
      throw new RangeError('driftDecay and driftRate must be in [0, 1]');
    }
    this.options = o;
    this.arms = o.arms;
    const d = (this.dimensions = o.dimensions);
    this.weights = new Float64Array(o.arms * d);
    for (let a = 0; a < o.arms; a++) {
      this.theta.push(this.weights.subarray(a * d, (a + 1) * d));
      if (state) {
        this.p.push(Float64Array.from(state.precisionInverse[a]!));
        this.theta[a]!.set(state.theta[a]!);
      } else {
        const p = new Float64Array(d * d);
        for (let i = 0; i < d; i++) p[i * d + i] = 1 / (i === 0 ? o.biasLambda : o.lambda);
        this.p.push(p);
      }
    }
    this.drift = state ? Float64Array.from(state.drift) : new Float64Array(o.arms);
    this.counts = state ? Float64Array.from(state.counts) : new Float64Array(o.arms);
    this.u = new Float64Array(d);
    this.nonzero = new Int32Array(d);
  }

  /** How many rewards this learner has learned from, over all arms. */
  get updates(): number {
    let n = 0;
    for (const c of this.counts) n += c;
    return n;
  }

  /** The recency correction is short-memory state that copies only average, so merging is exact without it. */
  get mergeExact(): boolean {
    return this.options.driftRate === 0;
  }

  static fromState(state: RecursiveRidgeState): RecursiveRidge {
    return new RecursiveRidge(state.options, state);
  }

  scores(x: Context, _rng?: Rng): Float64Array {
    const { arms, dimensions: d } = this;
    const alpha = this.options.alpha;
    const out = new Float64Array(arms);
    const w = this.weights;
    const bonus = this.options.countBonus;
    for (let a = 0; a < arms; a++) {
      const offset = a * d;
      let s0 = 0;
      let s1 = 0;
      let i = 0;
      for (; i + 1 < d; i += 2) {
        s0 += w[offset + i]! * x[i]!;
        s1 += w[offset + i + 1]! * x[i + 1]!;
      }
      if (i < d) s0 += w[offset + i]! * x[i]!;
      let s = s0 + s1 + this.drift[a]! + (bonus === 0 ? 0 : bonus / Math.sqrt(1 + this.counts[a]!));
      if (alpha > 0) s += alpha * Math.sqrt(Math.max(0, this.quadratic(this.p[a]!, x)));
      out[a] = s;
    }
    return out;
  }

  /** Ridge prediction without the recency correction or bonus (for reward models and tests). */
  predict(x: Context, arm: number): number {
    const t = this.theta[arm]!;
    let s = 0;
    for (let i = 0; i < this.dimensions; i++) s += t[i]! * x[i]!;
    return s;
  }

  learn(x: Context, arm: number, reward: number, _propensity?: number): void {
    const d = this.dimensions;
    const { driftDecay, driftRate } = this.options;
    const fit = this.predict(x, arm);
    const residual = reward - fit - this.drift[arm]!;
    if (driftDecay < 1) for (let a = 0; a < this.arms; a++) this.drift[a]! *= driftDecay;
    this.drift[arm]! += driftRate * residual;
    this.counts[arm]!++;

    const p = this.p[arm]!;
    const u = this.u;
    const nz = this.nonzero;
    let n = 0;
    for (let j = 0; j < d; j++) if (x[j] !== 0) nz[n++] = j;
    // Only P's upper triangle (i ≤ j) is kept current: it is symmetric, and that halves the work.
    // u = P x, over the non-zero entries of x only when that saves work (text contexts are mostly zeros).
    let denominator = 1;
    if (n * 2 > d) {
      // One pass over the upper triangle: p_ij feeds both u_i (· x_j) and u_j (· x_i).
      u.fill(0);
      for (let i = 0; i < d; i++) {
        const row = i * d;
        const xi = x[i]!;
        let acc = p[row + i]! * xi;
        let j = i + 1;
        for (; j + 1 < d; j += 2) {
          const p0 = p[row + j]!;
          const p1 = p[row + j + 1]!;
          acc += p0 * x[j]! + p1 * x[j + 1]!;
          u[j] = u[j]! + p0 * xi;
          u[j + 1] = u[j + 1]! + p1 * xi;
        }
        for (; j < d; j++) {
          acc += p[row + j]! * x[j]!;
          u[j] = u[j]! + p[row + j]! * xi;
        }
        u[i] = u[i]! + acc;
      }
      for (let i = 0; i < d; i++) denominator += x[i]! * u[i]!;
    } else {
      for (let i = 0; i < d; i++) {
        let acc = 0;
        for (let k = 0; k < n; k++) {
          const j = nz[k]!;
          acc += (j < i ? p[j * d + i]! : p[i * d + j]!) * x[j]!;
        }
        u[i] = acc;
      }
      for (let k = 0; k < n; k++) denominator += x[nz[k]!]! * u[nz[k]!]!;
    }
    // θ ← θ + P x (r − θ·x) / (1 + xᵀPx);  P ← P − (Px)(Px)ᵀ / (1 + xᵀPx)  (Sherman–Morrison).
    const gain = (reward - fit) / denominator;
    const theta = this.theta[arm]!;
    const inverse = 1 / denominator;
    for (let i = 0; i < d; i++) {
      const ui = u[i]!;
      theta[i] = theta[i]! + gain * ui;
      if (ui === 0) continue;
      const scaled = ui * inverse;
      const row = i * d;
      let j = i;
      for (; j + 3 < d; j += 4) {
        p[row + j] = p[row + j]! - scaled * u[j]!;
        p[row + j + 1] = p[row + j + 1]! - scaled * u[j + 1]!;
        p[row + j + 2] = p[row + j + 2]! - scaled * u[j + 2]!;
        p[row + j + 3] = p[row + j + 3]! - scaled * u[j + 3]!;
      }
      for (; j < d; j++) p[row + j] = p[row + j]! - scaled * u[j]!;
    }
  }

  merge(other: LearnerState): void {
    const o = other as RecursiveRidgeState;
    if (o.kind !== this.kind || o.options.arms !== this.arms || o.options.dimensions !== this.dimensions
      || o.options.lambda !== this.options.lambda || o.options.biasLambda !== this.options.biasLambda) {
      throw new RangeError('cannot merge recursive-ridge states of different shape or prior');
    }
    const d = this.dimensions;
    for (let a = 0; a < this.arms; a++) {
      // A = P⁻¹ and b = Aθ add up; the prior Λ is in both, so it is taken out once.
      const a1 = invertSpd(symmetrize(this.p[a]!, d), d);
      const a2 = invertSpd(Float64Array.from(o.precisionInverse[a]!), d);
      const b = matVec(a1, this.theta[a]!, d, new Float64Array(d));
      const b2 = matVec(a2, o.theta[a]!, d, new Float64Array(d));
      for (let i = 0; i < d; i++) b[i]! += b2[i]!;
      for (let i = 0; i < d * d; i++) a1[i]! += a2[i]!;
      for (let i = 0; i < d; i++) a1[i * d + i]! -= i === 0 ? this.options.biasLambda : this.options.lambda;
      const p = invertSpd(a1, d);
      this.p[a]!.set(p);
      matVec(p, b, d, this.theta[a]!);
      this.drift[a] = (this.drift[a]! + o.drift[a]!) / 2;
      this.counts[a]! += o.counts[a]!;
    }
  }

  toState(): RecursiveRidgeState {
    return {
      kind: 'recursive-ridge',
      options: { ...this.options },
      precisionInverse: this.p.map((m) => Array.from(symmetrize(m, this.dimensions))),
      theta: this.theta.map((t) => Array.from(t)),
      drift: Array.from(this.drift),
      counts: Array.from(this.counts),
    };
  }

  /** xᵀPx from P's upper triangle: diagonal once, off-diagonal twice. */
  private quadratic(p: Float64Array, x: Context): number {
    const d = this.dimensions;
    let total = 0;
    for (let i = 0; i < d; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      const row = i * d;
      let s = 0;
      for (let j = i + 1; j < d; j++) s += p[row + j]! * x[j]!;
      total += xi * (p[row + i]! * xi + 2 * s);
    }
    return total;
  }
}
