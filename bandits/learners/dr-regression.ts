import type { Context } from '../types.js';
import { cappedWeight } from './importance-weight.js';
import { WeightedRegression, type WeightedRegressionOptions, type WeightedRegressionState } from './weighted-regression.js';

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
export type DrRegressionOptions = WeightedRegressionOptions;
export type DrRegressionState = WeightedRegressionState<'dr-regression'>;

export class DrRegression extends WeightedRegression<'dr-regression'> {
  readonly kind = 'dr-regression';

  static fromState(state: DrRegressionState): DrRegression {
    return new DrRegression(state, state);
  }

  learn(x: Context, arm: number, reward: number, propensity: number): void {
    const w = cappedWeight(propensity, this.maxWeight);
    for (let a = 0; a < this.arms; a++) {
      const q = this.ridge.predict(a, x);
      if (a === arm) this.ridge.learn(x, a, q + (reward - q) * w);
      else this.ridge.learn(x, a, q, 1, false);
    }
  }
}
