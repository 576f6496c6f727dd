import type { Rng } from '../rng.js';
import type { Context, Learner, LearnerState } from '../types.js';
import { assertMaxWeight, DEFAULT_MAX_WEIGHT } from './importance-weight.js';
import { RidgeArms } from './ridge-arms.js';

export interface WeightedRegressionOptions {
  arms: number;
  dimensions: number;
  /** Ridge prior strength λ. */
  lambda: number;
  /** Cap on the importance weight 1/p (default 100). */
  maxWeight?: number;
}

export interface WeightedRegressionState<K extends string> extends LearnerState {
  kind: K;
  arms: number;
  dimensions: number;
  lambda: number;
  maxWeight: number;
  xtx: number[][];
  xty: number[][];
  counts: number[];
}

/**
 * What the importance-weighted and the doubly-robust reward regressions share: one ridge per arm,
 * scores that are the predicted rewards (no bonus: exploration is the explorer's job), and their
 * state. They differ only in what each round teaches the arms (`learn`).
 */
export abstract class WeightedRegression<K extends string> implements Learner {
  abstract readonly kind: K;
  readonly arms: number;
  readonly dimensions: number;
  readonly lambda: number;
  readonly maxWeight: number;
  protected readonly ridge: RidgeArms;

  constructor(options: WeightedRegressionOptions, state?: WeightedRegressionState<K>) {
    this.maxWeight = options.maxWeight ?? DEFAULT_MAX_WEIGHT;
    assertMaxWeight(this.maxWeight);
    this.ridge = new RidgeArms(options.arms, options.dimensions, options.lambda, state);
    this.arms = options.arms;
    this.dimensions = options.dimensions;
    this.lambda = options.lambda;
  }

  scores(x: Context, _rng?: Rng): Float64Array {
    const out = new Float64Array(this.arms);
    for (let a = 0; a < this.arms; a++) out[a] = this.ridge.predict(a, x);
    return out;
  }

  abstract learn(x: Context, arm: number, reward: number, propensity: number): void;

  toState(): WeightedRegressionState<K> {
    return {
      kind: this.kind,
      arms: this.arms,
      dimensions: this.dimensions,
      lambda: this.lambda,
      maxWeight: this.maxWeight,
      ...this.ridge.stats(),
    };
  }
}
