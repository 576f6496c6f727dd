/** Rows the store keeps. Times are epoch milliseconds from the injected clock. */

export type Domain = 'routing' | 'analysis' | 'engagement';

export interface DecisionRecord {
  id: string;
  createdAt: number;
  domain: Domain;
  tenant: string;
  channel: string;
  user: string;
  /** Arm names in policy order; `arm`, `probabilities` and `scores` index into it. */
  arms: string[];
  arm: string;
  propensity: number;
  probabilities: number[];
  scores: number[];
  /** The context vector the policy saw, so rewards can be replayed and policies evaluated off-line. */
  features: number[];
  /** Kind of request the featurizer inferred ('code', 'maths', ...), for reporting. */
  kind: string;
  policyVersion: string;
}

export interface OutcomeRecord {
  decisionId: string;
  /** The arm that produced this outcome (differs from the decision's arm after a fallback). */
  arm: string;
  createdAt: number;
  latencyMs: number;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number;
  finishReason: string;
  /** Error kind when the arm failed, null on success. */
  error: string | null;
  /** True when this arm answered because the chosen one failed. */
  fallback: boolean;
}

export type FeedbackKind = 'up' | 'down' | 'wrong' | 'regenerate';

export interface FeedbackRecord {
  decisionId: string;
  kind: FeedbackKind;
  /** Where it came from: 'button', 'reaction', 'console', 'follow-up', 'simulation'. */
  source: string;
  user: string;
  createdAt: number;
}

export interface RewardRecord {
  decisionId: string;
  domain: Domain;
  arm: string;
  reward: number;
  /** The weighted parts that add up to `reward`, for explanation and re-weighting. */
  components: Record<string, number>;
  closedAt: number;
}

/** A reward joined with what the policy needs to learn from it again (restart replay). */
export interface ClosedReward extends RewardRecord {
  seq: number;
  features: number[];
  propensity: number;
  arms: string[];
}

export interface PolicySnapshot {
  domain: Domain;
  /** Highest reward `seq` already folded into `state`; later rewards are replayed on restore. */
  lastRewardSeq: number;
  state: unknown;
  createdAt: number;
}

/** A decision whose reward has not closed yet, with whatever is known about it so far. */
export interface PendingDecision {
  decision: DecisionRecord;
  outcomes: OutcomeRecord[];
  feedback: FeedbackRecord[];
}

export interface ArmStats {
  arm: string;
  /** Decisions that chose this arm. */
  decisions: number;
  /** Mean of the closed rewards of those decisions; null when none has closed yet. */
  meanReward: number | null;
  rewards: number;
  /** Latency of the arm's own answers (fallback answers count for the arm that gave them). */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  /** USD spent on this arm's attempts. */
  costUsd: number;
  /** Attempts of this arm that failed. */
  errors: number;
}
