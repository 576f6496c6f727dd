import type { Context } from '../types.js';
import type { Transform, TransformState } from './transform.js';

/**
 * Per-feature z-scores from running statistics: x ↦ (x − μ) / max(σ, minStd), with μ and σ
 * (population, ÷n) maintained by Welford's update, which stays accurate where the naive
 * Σx² − n·μ² cancels catastrophically. A feature with zero variance so far (or fewer than two
 * rows) carries no information yet and maps to 0. Columns in `passthrough` are copied as is:
 * list the constant bias column there, or it would be standardized to 0 like any constant.
 *
 * Why freeze: a ridge learner downstream accumulates Σ x xᵀ over rows transformed with the
 * statistics of their day, so while μ and σ drift its sums mix incompatible scalings. After
 * `freezeAfter` observed rows (default 100) the statistics stop moving and every later row is
 * transformed the same way; the warm-up rows stay in the learner's sums under slightly
 * different scalings, an error that is bounded and diluted as data accumulates. Pass
 * `Infinity` to keep adapting forever (then prefer learners that forget, or retrain).
 */
export interface OnlineStandardizerOptions {
  /** Rows after which μ and σ are frozen (default 100; Infinity never freezes). */
  freezeAfter?: number;
  /** Floor on σ so that near-constant features do not explode (default 1e-3). */
  minStd?: number;
  /** Column indices copied unchanged (e.g. [0] for a constant bias column). */
  passthrough?: readonly number[];
}

export interface OnlineStandardizerState extends TransformState {
  kind: 'online-standardizer';
  dimensions: number;
  /** null stands for Infinity, which JSON cannot carry. */
  freezeAfter: number | null;
  minStd: number;
  passthrough: number[];
  count: number;
  mean: number[];
  m2: number[];
}

export class OnlineStandardizer implements Transform {
  readonly kind = 'online-standardizer';
  readonly stateless = false;
  readonly inputDimensions: number;
  readonly outputDimensions: number;
  readonly freezeAfter: number;
  readonly minStd: number;
  readonly passthrough: readonly number[];
  private count = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  /** 1/max(σ, minStd), or 0 for a feature without variance; NaN marks a passthrough column. */
  private readonly scale: Float64Array;

  constructor(dimensions: number, options: OnlineStandardizerOptions = {}, state?: OnlineStandardizerState) {
    if (!(Number.isInteger(dimensions) && dimensions >= 1)) {
      throw new RangeError(`dimensions must be a positive integer, got ${dimensions}`);
    }
    this.freezeAfter = options.freezeAfter ?? 100;
    this.minStd = options.minStd ?? 1e-3;
    this.passthrough = [...(options.passthrough ?? [])];
    if (!(this.freezeAfter >= 0)) throw new RangeError(`freezeAfter must be >= 0, got ${this.freezeAfter}`);
    if (!(this.minStd > 0)) throw new RangeError(`minStd must be > 0, got ${this.minStd}`);
    for (const i of this.passthrough) {
      if (!(Number.isInteger(i) && i >= 0 && i < dimensions)) throw new RangeError(`passthrough column ${i} is out of range`);
    }
    this.inputDimensions = dimensions;
    this.outputDimensions = dimensions;
    this.mean = state ? Float64Array.from(state.mean) : new Float64Array(dimensions);
    this.m2 = state ? Float64Array.from(state.m2) : new Float64Array(dimensions);
    this.count = state?.count ?? 0;
    this.scale = new Float64Array(dimensions);
    this.refreshScale();
  }

  static fromState(state: OnlineStandardizerState): OnlineStandardizer {
    const options = { freezeAfter: state.freezeAfter ?? Infinity, minStd: state.minStd, passthrough: state.passthrough };
    return new OnlineStandardizer(state.dimensions, options, state);
  }

  get frozen(): boolean {
    return this.count >= this.freezeAfter;
  }

  /** Rows observed so far (stops growing once frozen). */
  get observed(): number {
    return this.count;
  }

  apply(x: Context, out: Float64Array): Float64Array {
    const d = this.inputDimensions;
    for (let i = 0; i < d; i++) {
      const s = this.scale[i]!;
      out[i] = Number.isNaN(s) ? x[i]! : (x[i]! - this.mean[i]!) * s;
    }
    return out;
  }

  observe(x: Context): void {
    if (this.frozen) return;
    this.count++;
    const n = this.count;
    for (let i = 0; i < this.inputDimensions; i++) {
      const delta = x[i]! - this.mean[i]!;
      this.mean[i]! += delta / n;
      this.m2[i]! += delta * (x[i]! - this.mean[i]!);
    }
    this.refreshScale();
  }

  toState(): OnlineStandardizerState {
    return {
      kind: 'online-standardizer',
      dimensions: this.inputDimensions,
      freezeAfter: Number.isFinite(this.freezeAfter) ? this.freezeAfter : null,
      minStd: this.minStd,
      passthrough: [...this.passthrough],
      count: this.count,
      mean: Array.from(this.mean),
      m2: Array.from(this.m2),
    };
  }

  private refreshScale(): void {
    const n = this.count;
    for (let i = 0; i < this.inputDimensions; i++) {
      const m2 = this.m2[i]!;
      this.scale[i] = n < 2 || !(m2 > 0) ? 0 : 1 / Math.max(Math.sqrt(m2 / n), this.minStd);
    }
    for (const i of this.passthrough) this.scale[i] = Number.NaN;
  }
}
