/**
 * What a sampler sees and returns. Samplers work in the encoded unit cube and always MINIMIZE
 * `loss` (the study flips the sign for maximization); the study decodes their proposals.
 */
export interface Observation {
  /** Encoded point in [0,1]^dim. */
  x: readonly number[];
  loss: number;
  /** c_k(x); the point is feasible when every c_k ≤ 0. */
  constraints?: readonly number[];
}

export interface SamplerContext {
  dim: number;
  /** Completed trials, in the order they were told. */
  observations: readonly Observation[];
  /** Asked but not yet told: proposals should not pile up on them. */
  pending: readonly (readonly number[])[];
  /** How many trials the study has asked for so far (the next proposal's ordinal). */
  trialCount: number;
  /** Canonical encoding of the point u decodes to (rounds ints, fixes one-hot). */
  snap(u: readonly number[]): number[];
}

export interface Sampler {
  readonly name: string;
  /** A point in [0,1]^dim; deterministic given the sampler's seed and the context. */
  propose(context: SamplerContext): number[];
}
