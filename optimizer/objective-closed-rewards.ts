/**
 * The store's closed rewards (ClosedReward, the rows the routing policy replays on restart) →
 * the objective's logged rows, in the order the policy learned them (reward `seq`).
 */
import type { ClosedReward, Domain } from '../store/records.js';
import type { ObjectiveRow } from './objective-logs.js';

export interface ClosedRewardLogOptions {
  /** Arm names in the order of the policy being tuned; default: the newest record's arms (what runs now). */
  arms?: readonly string[];
  /** Context width of that policy; default: the newest record's. */
  dimensions?: number;
  /** Keep this domain only; default: every record given. */
  domain?: Domain;
  /**
   * The reward's USD weight (config.reward.costWeight): the cost component is −costWeight·USD,
   * so it gives each row's cost back in USD. Without it (or at 0) rows carry no cost.
   */
  costWeight?: number;
  /**
   * The logging policy's distribution for a record, in the order of the record's own `arms`
   * (DecisionRecord.probabilities, joined by decisionId). ClosedReward does not carry it; with it
   * on every row the objective caps q̂ where the logs give no support (objective-logs.ts).
   */
  loggingProbabilities?: (reward: ClosedReward) => readonly number[] | undefined;
}

export interface ClosedRewardLog {
  rows: ObjectiveRow[];
  arms: string[];
  /** Records left out, by reason: they would misalign or poison the estimate. */
  skipped: { otherDomain: number; unknownArm: number; otherWidth: number; notLearned: number; badPropensity: number };
}

export function logsFromClosedRewards(rewards: readonly ClosedReward[], options: ClosedRewardLogOptions = {}): ClosedRewardLog {
  const skipped = { otherDomain: 0, unknownArm: 0, otherWidth: 0, notLearned: 0, badPropensity: 0 };
  const inDomain = rewards.filter((r) => {
    const keep = options.domain === undefined || r.domain === options.domain;
    if (!keep) skipped.otherDomain++;
    return keep;
  });
  const ordered = [...inDomain].sort((a, b) => a.seq - b.seq);
  const newest = ordered.at(-1);
  const arms = [...(options.arms ?? newest?.arms ?? [])];
  const dimensions = options.dimensions ?? newest?.features.length ?? 0;
  const withCost = options.costWeight !== undefined && options.costWeight > 0;
  const rows: ObjectiveRow[] = [];
  for (const r of ordered) {
    // The reward closer closes interrupted requests with this marker and does not learn from
    // them; the policy being tuned never saw them either.
    if (r.components['missingOutcome'] !== undefined) {
      skipped.notLearned++;
      continue;
    }
    const arm = arms.indexOf(r.arm);
    if (arm < 0) {
      skipped.unknownArm++;
      continue;
    }
    if (r.features.length !== dimensions) {
      skipped.otherWidth++;
      continue;
    }
    // The propensity was logged over the decision's own arm list; it is still the probability
    // of the named arm, so a reordered or grown list does not invalidate it.
    if (!(r.propensity > 0 && r.propensity <= 1 + 1e-9)) {
      skipped.badPropensity++;
      continue;
    }
    const row: ObjectiveRow = { x: r.features, arm, reward: r.reward, propensity: r.propensity };
    if (withCost) row.cost = -(r.components['cost'] ?? 0) / options.costWeight!;
    const logged = options.loggingProbabilities?.(r);
    // Arms the decision did not have get 0; the decision's arms the policy no longer has are dropped.
    if (logged) row.probabilities = arms.map((name) => logged[r.arms.indexOf(name)] ?? 0);
    rows.push(row);
  }
  return { rows, arms, skipped };
}
