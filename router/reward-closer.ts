import type { ClosedReward, Domain, FeedbackRecord, RewardRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { Logger, Metrics } from '../telemetry/index.js';
import type { PolicyKeeper } from './policy-keeper.js';
import { computeReward, type RewardWeights } from './reward.js';

export interface RewardCloserOptions {
  store: Store;
  keepers: Map<Domain, PolicyKeeper>;
  weights: RewardWeights;
  windowMs: number;
  now: () => number;
  metrics: Metrics;
  logger: Logger;
  /** Called after each reward is stored (reports, experiments). */
  onClosed?: (reward: RewardRecord) => void;
  /** Called after the domain's policy learned a reward, with the decision's policyVersion (experiment variants learn here). */
  onLearned?: (policyVersion: string, reward: ClosedReward) => void;
}

/**
 * Joins feedback to decisions and, once a decision's feedback window has closed, makes its reward
 * final: computed, stored, then learned. Everything it needs is in the store, so decisions left
 * pending by a restart close on the next sweep just the same.
 */
export class RewardCloser {
  constructor(private readonly options: RewardCloserOptions) {}

  /** Records feedback on a decision; false when the decision is unknown. Feedback after the reward closed is kept but changes nothing. */
  feedback(record: FeedbackRecord): boolean {
    const stored = this.options.store.recordFeedback(record);
    if (stored) this.options.metrics.feedback.inc({ kind: record.kind, source: record.source });
    return stored;
  }

  /** Closes every decision whose window has ended; returns how many closed. */
  closeDue(): number {
    const { store, keepers, weights, windowMs, now, metrics, logger } = this.options;
    const closedAt = now();
    let closed = 0;
    for (;;) {
      const due = store.pendingDecisions(closedAt - windowMs, 500);
      for (const pending of due) {
        const { decision } = pending;
        const result = computeReward(pending, weights);
        const record: RewardRecord = {
          decisionId: decision.id, domain: decision.domain, arm: decision.arm,
          reward: result.reward, components: result.components, closedAt,
        };
        const seq = store.closeReward(record);
        if (seq === null) continue;
        closed++;
        metrics.pendingRewards.dec({ domain: decision.domain });
        this.options.onClosed?.(record);
        metrics.rewards.inc({ domain: decision.domain, arm: decision.arm });
        metrics.rewardValue.observe({ domain: decision.domain, arm: decision.arm }, result.reward);
        if (!result.learnable) {
          logger.warn({ decisionId: decision.id }, 'decision had no outcome (interrupted request); closed without learning');
          continue;
        }
        const learned: ClosedReward = {
          seq, decisionId: decision.id, domain: decision.domain, arm: decision.arm, reward: result.reward,
          components: result.components, closedAt, features: decision.features, propensity: decision.propensity,
          arms: decision.arms,
        };
        keepers.get(decision.domain)?.learn(learned);
        this.options.onLearned?.(decision.policyVersion, learned);
      }
      if (due.length < 500) break;
    }
    return closed;
  }
}
