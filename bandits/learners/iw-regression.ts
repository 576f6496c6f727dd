import type { Rng } from '../rng.js';
import type { Context, Learner, LearnerState } from '../types.js';
import { assertMaxWeight, cappedWeight, DEFAULT_MAX_WEIGHT } from './importance-weight.js';
import { assertMergeable, RidgeArms } from './ridge-arms.js';

/**
 * Importance-weighted reward regression (VW's cb_type ips, as a per-arm ridge): only the
 * played arm learns, from (x, r) with weight w = min(1/p, maxWeight), so
 * Aₐ = λI + Σ w x xᵀ and bₐ = Σ w r x. Weighting by 1/p undoes the explorer's preference for
 * the arms it already likes, so each arm's fit targets the whole context distribution rather
 * than the contexts where it happened to be chosen.
 *
 * Scores are the predicted rewards θₐ·x with no bonus: exploration is the explorer's job
 * (ε-greedy, softmax, SquareCB). Weighted sums add up, so copies merge exactly.
 */
export interface IwRegressionOptions {
  arms: number;
  dimensions: number;
  /** Ridge prior strength λ. */
  lambda: number;
  /** Cap on the importance weight 1/p (default 100). */
  maxWeight?: number;
}

export interface IwRegressionState extends LearnerState {
  kind: 'iw-regression';
  arms: number;
  dimensions: number;
  lambda: number;
  maxWeight: number;
  xtx: number[][];
  xty: number[][];
  counts: number[];
}

export class IwRegression implements Learner {
  readonly kind = 'iw-regression';
  readonly arms: number;
  readonly dimensions: number;
  readonly lambda: number;
  readonly maxWeight: number;
  private readonly ridge: RidgeArms;

  constructor(options: IwRegressionOptions, state?: IwRegressionState) {
    this.maxWeight = options.maxWeight ?? DEFAULT_MAX_WEIGHT;
    assertMaxWeight(this.maxWeight);
    this.ridge = new RidgeArms(options.arms, options.dimensions, options.lambda, state);
    this.arms = options.arms;
    this.dimensions = options.dimensions;
    this.lambda = options.lambda;
  }

  static fromState(state: IwRegressionState): IwRegression {
    return new IwRegression(state, state);
  }

  scores(x: Context, _rng?: Rng): Float64Array {
    const out = new Float64Array(this.arms);
    for (let a = 0; a < this.arms; a++) out[a] = this.ridge.predict(a, x);
    return out;
  }

  learn(x: Context, arm: number, reward: number, propensity: number): void {
    this.ridge.learn(x, arm, reward, cappedWeight(propensity, this.maxWeight));
  }

  merge(other: LearnerState): void {
    assertMergeable(this, other);
    this.ridge.add(other as IwRegressionState);
  }

  toState(): IwRegressionState {
    return {
      kind: 'iw-regression',
      arms: this.arms,
      dimensions: this.dimensions,
      lambda: this.lambda,
      maxWeight: this.maxWeight,
      ...this.ridge.stats(),
    };
  }
}
