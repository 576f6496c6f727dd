import type { Context } from '../types.js';

/** Plain, JSON-safe data from which a transform is rebuilt exactly. */
export interface TransformState {
  kind: string;
  [key: string]: unknown;
}

/** A feature map applied to every context before a learner sees it. */
export interface Transform {
  readonly kind: string;
  readonly inputDimensions: number;
  readonly outputDimensions: number;
  /**
   * True when the map never changes: only then do statistics a learner gathered through it
   * stay comparable across copies and over time (what merging needs).
   */
  readonly stateless: boolean;
  /** Writes the image of x into `out` (length outputDimensions) and returns it. Pure. */
  apply(x: Context, out: Float64Array): Float64Array;
  /** Updates the transform's own statistics from a training row; called from learn() only. */
  observe(x: Context): void;
  toState(): TransformState;
}
