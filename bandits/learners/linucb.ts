import type { Rng } from '../rng.js';
import type { Context, Learner, LearnerState } from '../types.js';
import { assertMergeable, RidgeArms } from './ridge-arms.js';

/**
 * LinUCB with disjoint models (Li et al., 2010): one ridge regression per arm,
 * score = θₐ·x + α·√(xᵀ Aₐ⁻¹ x), with Aₐ = λI + Σ x xᵀ and θₐ = Aₐ⁻¹ Σ r x.
 *
 * The sufficient statistics (Σ x xᵀ, Σ r x, n) are the state: they add up, so two copies
 * trained on different traffic merge exactly. A⁻¹ is kept up to date with Sherman–Morrison
 * (O(d²) per update) and rebuilt by Cholesky only on restore or merge (see RidgeArms).
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
  private readonly ridge: RidgeArms;

  constructor(options: LinUcbOptions, state?: LinUcbState) {
    if (!Number.isFinite(options.alpha)) throw new RangeError(`alpha must be >= 0, got ${options.alpha}`);
    this.ridge = new RidgeArms(options.arms, options.dimensions, options.lambda, state);
    this.arms = options.arms;
    this.dimensions = options.dimensions;
    this.alpha = options.alpha;
    this.lambda = options.lambda;
  }

  static fromState(state: LinUcbState): LinUcb {
    return new LinUcb(state, state);
  }

  scores(x: Context, _rng?: Rng): Float64Array {
    const out = new Float64Array(this.arms);
    for (let a = 0; a < this.arms; a++) {
      out[a] = this.ridge.predict(a, x) + this.alpha * Math.sqrt(this.ridge.variance(a, x));
    }
    return out;
  }

  /** On-policy learner: the propensity is not needed, every observed reward counts once. */
  learn(x: Context, arm: number, reward: number, _propensity?: number): void {
    this.ridge.learn(x, arm, reward);
  }

  /** Adds another LinUCB's statistics to this one (same arms, dimensions and prior). */
  merge(other: LearnerState): void {
    assertMergeable(this, other);
    this.ridge.add(other as LinUcbState);
  }

  toState(): LinUcbState {
    return {
      kind: 'linucb',
      arms: this.arms,
      dimensions: this.dimensions,
      alpha: this.alpha,
      lambda: this.lambda,
      ...this.ridge.stats(),
    };
  }
}
