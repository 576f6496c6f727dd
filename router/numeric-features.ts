/**
 * Numeric request features (`x.*` columns of a table, or any numeric signals) → context block.
 * Features arrive unscaled, so each is standardized online with its running mean and standard
 * deviation (Welford; only rows already seen, so replay stays causal), and its square is appended:
 * a diagonal quadratic expansion that lets a linear learner bend along each feature at twice the
 * width instead of the d(d+1)/2 of all pairwise products. Missing values (NaN) become 0, the mean.
 *
 * Layout of the block for d inputs: [1, z_1 … z_d, z_1² − 1 … z_d² − 1] (squares centred so they do
 * not duplicate the bias). A feature that has only ever been 0 or 1 gets no square: for a binary
 * feature z² is a linear function of z and would only add noise. Values are clipped to ±CLIP standard deviations so one outlier cannot
 * dominate a ridge update.
 */
const CLIP = 6;

export class NumericFeaturizer {
  readonly inputs: number;
  readonly dimensions: number;
  private n = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  private readonly seen: Float64Array;
  /** 1 once a feature has shown a value other than 0 or 1. */
  private readonly graded: Uint8Array;

  constructor(inputs: number) {
    this.inputs = inputs;
    this.dimensions = 1 + 2 * inputs;
    this.mean = new Float64Array(inputs);
    this.m2 = new Float64Array(inputs);
    this.seen = new Float64Array(inputs);
    this.graded = new Uint8Array(inputs);
  }

  /** Context for `values` with the statistics so far, then folds `values` into the statistics. */
  next(values: ArrayLike<number>): Float64Array {
    const d = this.inputs;
    const out = new Float64Array(this.dimensions);
    out[0] = 1;
    for (let j = 0; j < d; j++) {
      const v = values[j]!;
      const count = this.seen[j]!;
      let z = 0;
      if (!Number.isNaN(v) && count > 1) {
        const sd = Math.sqrt(this.m2[j]! / (count - 1));
        z = sd > 1e-12 ? Math.max(-CLIP, Math.min(CLIP, (v - this.mean[j]!) / sd)) : 0;
      }
      out[1 + j] = z;
      out[1 + d + j] = this.graded[j] && z !== 0 ? z * z - 1 : 0;
    }
    this.observe(values);
    return out;
  }

  private observe(values: ArrayLike<number>): void {
    this.n++;
    for (let j = 0; j < this.inputs; j++) {
      const v = values[j]!;
      if (Number.isNaN(v)) continue;
      if (v !== 0 && v !== 1) this.graded[j] = 1;
      const count = ++this.seen[j]!;
      const delta = v - this.mean[j]!;
      this.mean[j]! += delta / count;
      this.m2[j]! += delta * (v - this.mean[j]!);
    }
  }
}
