import type { Context, LearnerState } from '../types.js';
import { cappedWeight } from './importance-weight.js';
import { assertMergeable } from './ridge-arms.js';
import { WeightedRegression, type WeightedRegressionOptions, type WeightedRegressionState } from './weighted-regression.js';

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
export type IwRegressionOptions = WeightedRegressionOptions;
export type IwRegressionState = WeightedRegressionState<'iw-regression'>;

export class IwRegression extends WeightedRegression<'iw-regression'> {
  readonly kind = 'iw-regression';

  static fromState(state: IwRegressionState): IwRegression {
    return new IwRegression(state, state);
  }

  learn(x: Context, arm: number, reward: number, propensity: number): void {
    this.ridge.learn(x, arm, reward, cappedWeight(propensity, this.maxWeight));
  }

  merge(other: LearnerState): void {
    assertMergeable(this, other);
    this.ridge.add(other as IwRegressionState);
  }
}
