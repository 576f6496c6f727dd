import { gaussian, type Rng } from '../rng.js';
import type { Context, Learner, LearnerState } from '../types.js';
import { assertMergeable, RidgeArms } from './ridge-arms.js';

/**
 * Linear Thompson sampling (Agrawal & Goyal, 2013) on the same per-arm ridge statistics as
 * LinUCB: with the Gaussian posterior θₐ ~ N(θ̂ₐ, v² Aₐ⁻¹), the score θₐ·x is itself Gaussian,
 * N(θ̂ₐ·x, v² xᵀAₐ⁻¹x), so each arm's score is drawn directly as θ̂ₐ·x + v·√(xᵀAₐ⁻¹x)·zₐ.
 *
 * That samples every arm's score independently, from its exact marginal, instead of drawing
 * one θ per arm from the joint d-dimensional posterior: the same distribution of scores for
 * this context, for O(d²) per arm and one normal draw instead of a Cholesky factor and d draws.
 * (With disjoint per-arm models the arms' posteriors are independent anyway.)
 *
 * The explorer then turns the sampled scores into probabilities (argmax, plus the floor of an
 * ε-greedy explorer). The logged propensity is the probability given this draw of z, not the
 * marginal over z; importance weighting stays unbiased because z is independent of rewards.
 *
 * State is the ridge sums, so copies merge exactly, as LinUCB's do.
 */
export interface LinearTsOptions {
  arms: number;
  dimensions: number;
  /** Posterior scale v: the standard deviation multiplier of the sampled score. */
  v: number;
  /** Ridge prior strength λ. */
  lambda: number;
}

export interface LinearTsState extends LearnerState {
  kind: 'linear-ts';
  arms: number;
  dimensions: number;
  v: number;
  lambda: number;
  xtx: number[][];
  xty: number[][];
  counts: number[];
}

export class LinearTs implements Learner {
  readonly kind = 'linear-ts';
  readonly arms: number;
  readonly dimensions: number;
  readonly v: number;
  readonly lambda: number;
  private readonly ridge: RidgeArms;

  constructor(options: LinearTsOptions, state?: LinearTsState) {
    if (!(options.v >= 0)) throw new RangeError(`v must be >= 0, got ${options.v}`);
    this.ridge = new RidgeArms(options.arms, options.dimensions, options.lambda, state);
    this.arms = options.arms;
    this.dimensions = options.dimensions;
    this.v = options.v;
    this.lambda = options.lambda;
  }

  static fromState(state: LinearTsState): LinearTs {
    return new LinearTs(state, state);
  }

  /** Draws one normal per arm, in arm order, so a seed replays the same scores. */
  scores(x: Context, rng: Rng): Float64Array {
    const out = new Float64Array(this.arms);
    for (let a = 0; a < this.arms; a++) {
      out[a] = this.ridge.predict(a, x) + this.v * Math.sqrt(this.ridge.variance(a, x)) * gaussian(rng);
    }
    return out;
  }

  learn(x: Context, arm: number, reward: number, _propensity?: number): void {
    this.ridge.learn(x, arm, reward);
  }

  merge(other: LearnerState): void {
    assertMergeable(this, other);
    this.ridge.add(other as LinearTsState);
  }

  toState(): LinearTsState {
    return {
      kind: 'linear-ts',
      arms: this.arms,
      dimensions: this.dimensions,
      v: this.v,
      lambda: this.lambda,
      ...this.ridge.stats(),
    };
  }
}
