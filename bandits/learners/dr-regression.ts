import type { Rng } from '../rng.js';
import type { Context, Learner, LearnerState } from '../types.js';
import { assertMaxWeight, cappedWeight, DEFAULT_MAX_WEIGHT } from './importance-weight.js';
import { RidgeArms } from './ridge-arms.js';

/**
 * Doubly-robust reward regression, as VW's cb_type dr: after each round every arm a learns
 * from the DR pseudo-reward  q̂(x,a) + 1[a = played]·(r − q̂(x,a))·w,  w = min(1/p, maxWeight),
 * with weight 1, where q̂ is the model's own prediction before the update. Its expectation
 * over the explorer's draw is the true mean reward of every arm, while unplayed arms only
 * gain confidence (their target is their current prediction, so θ does not move: the update
 * skips recomputing θ for them, an exact saving, not an approximation).
 *
 * Scores are the predicted rewards, no bonus: exploration comes from the explorer.
 *
 * Not mergeable: each pseudo-reward depends on the model as it stood at that moment, so two
 * copies' sums are not the sums one copy would have accumulated on the combined traffic.
 */
export interface DrRegressionOptions {
  arms: number;
  dimensions: number;
  /** Ridge prior strength λ. */
  lambda: number;
  /** Cap on the 1/p that scales the played arm's residual (default 100). */
  maxWeight?: number;
}

export interface DrRegressionState extends LearnerState {
  kind: 'dr-regression';
  arms: number;
  dimensions: number;
  lambda: number;
  maxWeight: number;
  xtx: number[][];
  xty: number[][];
  counts: number[];
}

export class DrRegression implements Learner {
  readonly kind = 'dr-regression';
  readonly arms: number;
  readonly dimensions: number;
  readonly lambda: number;
  readonly maxWeight: number;
  private readonly ridge: RidgeArms;

  constructor(options: DrRegressionOptions, state?: DrRegressionState) {
    this.maxWeight = options.maxWeight ?? DEFAULT_MAX_WEIGHT;
    assertMaxWeight(this.maxWeight);
    this.ridge = new RidgeArms(options.arms, options.dimensions, options.lambda, state);
    this.arms = options.arms;
    this.dimensions = options.dimensions;
    this.lambda = options.lambda;
  }

  static fromState(state: DrRegressionState): DrRegression {
    return new DrRegression(state, state);
  }

  scores(x: Context, _rng?: Rng): Float64Array {
    const out = new Float64Array(this.arms);
    for (let a = 0; a < this.arms; a++) out[a] = this.ridge.predict(a, x);
    return out;
  }

  learn(x: Context, arm: number, reward: number, propensity: number): void {
    const w = cappedWeight(propensity, this.maxWeight);
    for (let a = 0; a < this.arms; a++) {
      const q = this.ridge.predict(a, x);
      if (a === arm) this.ridge.learn(x, a, q + (reward - q) * w);
      else this.ridge.learn(x, a, q, 1, false);
    }
  }

  toState(): DrRegressionState {
    return {
      kind: 'dr-regression',
      arms: this.arms,
      dimensions: this.dimensions,
      lambda: this.lambda,
      maxWeight: this.maxWeight,
      ...this.ridge.stats(),
    };
  }
}
