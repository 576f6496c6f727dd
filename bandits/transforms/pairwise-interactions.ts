import type { Context } from '../types.js';
import type { Transform, TransformState } from './transform.js';

/**
 * Quadratic features: x ↦ [x, xᵢ·xⱼ for first ≤ i ≤ j < d], products in row order
 * (i, then j). A linear learner on top can then model interactions between features (say,
 * "long prompt and code") that a per-arm linear model cannot. With `excludeBias`, column 0 is
 * taken to be a constant 1 and left out of the products: its products would only duplicate
 * the linear terms (and 1·1 the bias), making the ridge problem rank-deficient for no gain.
 *
 * Output size is d + m(m+1)/2 with m = d (or d − 1 without the bias): the learner's O(d²)
 * updates grow with its fourth power, so keep d small.
 */
export interface PairwiseInteractionsOptions {
  /** Leave column 0 (the constant bias) out of the products (default false). */
  excludeBias?: boolean;
}

export interface PairwiseInteractionsState extends TransformState {
  kind: 'pairwise-interactions';
  inputDimensions: number;
  excludeBias: boolean;
}

export class PairwiseInteractions implements Transform {
  readonly kind = 'pairwise-interactions';
  readonly stateless = true;
  readonly inputDimensions: number;
  readonly outputDimensions: number;
  readonly excludeBias: boolean;

  constructor(dimensions: number, options: PairwiseInteractionsOptions = {}) {
    if (!(Number.isInteger(dimensions) && dimensions >= 1)) {
      throw new RangeError(`dimensions must be a positive integer, got ${dimensions}`);
    }
    this.inputDimensions = dimensions;
    this.excludeBias = options.excludeBias ?? false;
    const m = dimensions - (this.excludeBias ? 1 : 0);
    this.outputDimensions = dimensions + (m * (m + 1)) / 2;
  }

  static fromState(state: PairwiseInteractionsState): PairwiseInteractions {
    return new PairwiseInteractions(state.inputDimensions, { excludeBias: state.excludeBias });
  }

  apply(x: Context, out: Float64Array): Float64Array {
    const d = this.inputDimensions;
    for (let i = 0; i < d; i++) out[i] = x[i]!;
    let k = d;
    for (let i = this.excludeBias ? 1 : 0; i < d; i++) {
      const xi = x[i]!;
      for (let j = i; j < d; j++) out[k++] = xi * x[j]!;
    }
    return out;
  }

  observe(_x: Context): void {}

  toState(): PairwiseInteractionsState {
    return { kind: 'pairwise-interactions', inputDimensions: this.inputDimensions, excludeBias: this.excludeBias };
  }
}

/** x ↦ [x, xᵢ·xⱼ for i ≤ j]; see PairwiseInteractions. */
export function pairwiseInteractions(dimensions: number, options?: PairwiseInteractionsOptions): PairwiseInteractions {
  return new PairwiseInteractions(dimensions, options);
}
