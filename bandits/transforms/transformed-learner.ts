import type { Rng } from '../rng.js';
import type { Context, Learner, LearnerState } from '../types.js';
import type { Transform, TransformState } from './transform.js';

/**
 * A learner that sees contexts through a chain of transforms (applied in order, e.g.
 * standardize then pairwise interactions) and delegates everything else to `inner`.
 *
 * scores() only applies the transforms, so selecting stays pure; learn() applies them with the
 * statistics scores() would have used for this row, hands the result to the inner learner, and
 * only then lets stateful transforms (the standardizer) update their statistics.
 *
 * Mergeable only when every transform is stateless and the inner learner is mergeable: two
 * copies' standardizers would have drifted apart, and the inner sums they fed would not be on
 * the same scale. (Frozen, identical standardizers could in principle merge; not worth the
 * bookkeeping.)
 */
export interface TransformedLearnerState extends LearnerState {
  kind: 'transformed';
  transforms: TransformState[];
  inner: LearnerState;
}

export class TransformedLearner implements Learner {
  readonly kind = 'transformed';
  readonly arms: number;
  readonly dimensions: number;
  /** Defined only when the maths allows, so `Policy.mergeable` can see it. */
  declare readonly merge?: (other: LearnerState) => void;
  private readonly buffers: Float64Array[];

  constructor(
    readonly inner: Learner,
    readonly transforms: readonly Transform[],
  ) {
    let d = transforms[0]?.inputDimensions ?? inner.dimensions;
    this.dimensions = d;
    this.buffers = [];
    for (const t of transforms) {
      if (t.inputDimensions !== d) throw new RangeError(`${t.kind} expects ${t.inputDimensions} features, gets ${d}`);
      d = t.outputDimensions;
      this.buffers.push(new Float64Array(d));
    }
    if (inner.dimensions !== d) throw new RangeError(`${inner.kind} expects ${inner.dimensions} features, gets ${d}`);
    this.arms = inner.arms;
    const innerMerge = inner.merge;
    if (innerMerge && transforms.every((t) => t.stateless)) {
      this.merge = (other: LearnerState) => {
        const state = other as TransformedLearnerState;
        if (other.kind !== this.kind || JSON.stringify(state.transforms) !== JSON.stringify(this.transformStates())) {
          throw new RangeError('cannot merge a transformed learner with different transforms');
        }
        innerMerge.call(inner, state.inner);
      };
    }
  }

  static fromState(
    state: TransformedLearnerState,
    restoreTransform: (state: TransformState) => Transform,
    restoreLearner: (state: LearnerState) => Learner,
  ): TransformedLearner {
    return new TransformedLearner(restoreLearner(state.inner), state.transforms.map(restoreTransform));
  }

  scores(x: Context, rng: Rng): Float64Array {
    return this.inner.scores(this.transform(x), rng);
  }

  learn(x: Context, arm: number, reward: number, propensity: number): void {
    let input = x;
    for (let i = 0; i < this.transforms.length; i++) {
      const t = this.transforms[i]!;
      const out = t.apply(input, this.buffers[i]!);
      t.observe(input);
      input = out;
    }
    this.inner.learn(input, arm, reward, propensity);
  }

  toState(): TransformedLearnerState {
    return { kind: 'transformed', transforms: this.transformStates(), inner: this.inner.toState() };
  }

  private transform(x: Context): Context {
    let input = x;
    for (let i = 0; i < this.transforms.length; i++) input = this.transforms[i]!.apply(input, this.buffers[i]!);
    return input;
  }

  private transformStates(): TransformState[] {
    return this.transforms.map((t) => t.toState());
  }
}
