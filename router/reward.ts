import type { FeedbackKind, PendingDecision } from '../store/records.js';

/** How much each signal weighs in the reward (config: REWARD_*_WEIGHT). */
export interface RewardWeights {
  feedbackWeight: number;
  /** Reward lost per second of latency. */
  latencyWeight: number;
  /** Reward lost per USD. */
  costWeight: number;
  /** Reward lost when the chosen arm failed. */
  errorWeight: number;
}

export interface RewardResult {
  reward: number;
  components: Record<string, number>;
  /** False when the policy must not learn from this reward (no outcome was ever recorded: a crash, not the arm's doing). */
  learnable: boolean;
}

const EXPLICIT: Partial<Record<FeedbackKind, number>> = { up: 1, down: -1 };
const IMPLICIT: Partial<Record<FeedbackKind, number>> = { wrong: -1, regenerate: -0.5 };

/**
 * The reward of the arm the policy chose:
 *   feedbackWeight·(explicit + implicit) − latencyWeight·seconds − costWeight·USD − errorWeight·failed.
 * Explicit feedback is the mean over members of each member's latest 👍 (+1) / 👎 (−1), 0 when none;
 * implicit signals are a follow-up saying the answer was wrong (−1) or a regenerate (−0.5).
 * When the chosen arm failed and a fallback answered, feedback on the fallback's answer says nothing
 * about the chosen arm, so its reward is the failure alone.
 */
export function computeReward(pending: PendingDecision, weights: RewardWeights): RewardResult {
  const { decision, outcomes, feedback } = pending;
  const own = outcomes.find((o) => o.arm === decision.arm && !o.fallback);
  if (!own) return { reward: 0, components: { missingOutcome: 1 }, learnable: false };

  const latency = -weights.latencyWeight * (own.latencyMs / 1000);
  const cost = -weights.costWeight * own.costUsd;
  if (own.error !== null) {
    const error = -weights.errorWeight;
    return { reward: error + latency + cost, components: { error, latency, cost }, learnable: true };
  }

  const latestByUser = new Map<string, number>();
  let implicitSum = 0;
  for (const f of feedback) {
    const explicit = EXPLICIT[f.kind];
    if (explicit !== undefined) latestByUser.set(f.user, explicit);
    implicitSum += IMPLICIT[f.kind] ?? 0;
  }
  let explicitMean = 0;
  for (const v of latestByUser.values()) explicitMean += v / latestByUser.size;
  const feedbackPart = weights.feedbackWeight * explicitMean;
  const implicit = weights.feedbackWeight * Math.max(-1, implicitSum);
  return {
    reward: feedbackPart + implicit + latency + cost,
    components: { feedback: feedbackPart, implicit, latency, cost },
    learnable: true,
  };
}
