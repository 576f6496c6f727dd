import { SYSTEM_PROMPT } from '../bot/app.js';
import type { RewardWeights } from '../router/reward.js';
import type { RequestKind } from '../router/request-kind.js';
import { ANSWER_TOKENS, type SimulatedProfile } from '../router/providers/simulated-catalog.js';

/**
 * Expected reward of one simulated arm on one kind of request, from the catalog's latent values:
 * rateShare·(2q − 1)·w_feedback − w_latency·E[seconds] − w_cost·E[USD]. The demo's "best possible"
 * column is the per-message maximum of this: what a router that knew the latent qualities would get.
 */
export function expectedReward(
  profile: SimulatedProfile, kind: RequestKind, text: string, weights: RewardWeights, rateShare: number,
): number {
  const seconds = profile.latencyMedianSeconds * Math.exp(profile.latencySigma ** 2 / 2);
  const inputTokens = (SYSTEM_PROMPT.length + text.length) / 4;
  const outputTokens = ANSWER_TOKENS[kind] * Math.exp(0.3 ** 2 / 2);
  const usd = (inputTokens * profile.inputPricePerMillion + outputTokens * profile.outputPricePerMillion) / 1e6;
  return rateShare * (2 * profile.quality[kind] - 1) * weights.feedbackWeight - weights.latencyWeight * seconds - weights.costWeight * usd;
}
