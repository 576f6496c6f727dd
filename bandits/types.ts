import type { Rng } from './rng.js';

/** A context is a dense feature vector; its length is fixed per policy. */
export type Context = ArrayLike<number>;

/** What a policy decided for one context. Arms are indices into the policy's arm list. */
export interface Decision {
  arm: number;
  /** Probability with which `arm` was drawn: what off-policy estimators divide by. */
  propensity: number;
  probabilities: number[];
  scores: number[];
}

/** Plain, JSON-safe data from which a learner or explorer is rebuilt exactly. */
export interface LearnerState {
  kind: string;
  [key: string]: unknown;
}

export interface ExplorerState {
  kind: string;
  [key: string]: unknown;
}

/** Scores arms for a context and learns from the reward of the arm that was played. */
export interface Learner {
  readonly kind: string;
  readonly arms: number;
  readonly dimensions: number;
  /** Higher is better; `rng` is there for learners that sample (Thompson sampling). */
  scores(x: Context, rng: Rng): Float64Array;
  learn(x: Context, arm: number, reward: number, propensity: number): void;
  toState(): LearnerState;
  /** Present where copies can be combined: adds another copy's statistics (same shape and prior). */
  merge?(other: LearnerState): void;
  /** False when merge() exists but only approximates one pass over both halves (default true). */
  readonly mergeExact?: boolean;
}

/** Turns scores into a probability distribution over arms. Pure: no state, no randomness. */
export interface Explorer {
  readonly kind: string;
  probabilities(scores: Float64Array): Float64Array;
  /** Called after every update, for explorers whose exploration follows a schedule. */
  observe?(): void;
  toState(): ExplorerState;
}
