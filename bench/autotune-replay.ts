/**
 * Replays for the autotune experiment. A full-feedback table knows every arm's reward, so beside
 * FORMAT.md's replay it can compute the objective's estimand V̄(θ) exactly, which separates the
 * estimator's error (V̂ − V̄) from the estimand's bias (V̄ − on-policy reward on the same rows).
 */
import type { Policy } from '../bandits/policy.js';
import type { ObjectiveRow } from '../optimizer/objective-logs.js';
import { progressiveProbabilities } from '../optimizer/objective-progressive.js';
import type { Table } from './table/load-table.js';

export interface ReplayTotals {
  reward: number;
  quality: number;
  cost: number;
}

/**
 * FORMAT.md's replay over rows from…to−1: the policy picks, is told its arm's reward and learns.
 * Adds weight·reward of row j into perRow[j − from] when given.
 */
export function replayRows(policy: Policy, table: Table, contexts: Float64Array[], from: number, to: number, perRow?: Float64Array, weight = 1): ReplayTotals {
  const k = table.arms.length;
  const totals = { reward: 0, quality: 0, cost: 0 };
  for (let i = from; i < to; i++) {
    const x = contexts[i]!;
    const { arm, propensity } = policy.select(x);
    const reward = table.reward[i * k + arm]!;
    policy.update(x, arm, reward, propensity);
    if (perRow) perRow[i - from]! += weight * reward;
    totals.reward += reward;
    if (table.quality) totals.quality += table.quality[i * k + arm]!;
    if (table.cost) totals.cost += table.cost[i * k + arm]!;
  }
  return totals;
}

/**
 * V̄(θ) = (1/n) Σ_i Σ_a π_θ^(i)(a|x_i) r_i(a) on the log's rows (the first log.length rows of the
 * table), with the table's reward of every arm in place of μ: the exact value the objective estimates.
 */
export function exactObjective(policy: Policy, table: Table, log: readonly ObjectiveRow[]): number {
  const k = table.arms.length;
  const probabilities = progressiveProbabilities(policy, log);
  let total = 0;
  probabilities.forEach((p, i) => {
    for (let a = 0; a < k; a++) total += p[a]! * table.reward[i * k + a]!;
  });
  return total / log.length;
}
