/**
 * Logged decisions made ready for the objective: validated, with the cross-fitted reward model
 * (and cost model, when costs were logged) evaluated once for every row and arm. Those models
 * do not depend on θ, so a study's trials share them, which also makes every trial's DR terms
 * use the same q̂ and therefore pair row by row.
 *
 * A second, capped model where the logs give no support. When every row carries the logging
 * policy's whole distribution p_i(·), an arm with p_i(a) < 1/W (W = supportWeight) is
 * "unsupported" at row i: the only rows that could correct q̂ there carry weights above W and are
 * too rare to show up in the sample. The capped model keeps q̂ except there, where it is capped at
 * the model's value of the logging policy at that row:
 *   q̃_i(a) = q̂_i(a)                                   if p_i(a) ≥ 1/W,
 *   q̃_i(a) = min(q̂_i(a), Σ_b p_i(b) q̂_i(b))          otherwise.
 * DR is unbiased with ANY model that does not use row i's own action or reward, so both models give
 * unbiased estimates; they differ in their typical error. The target's learner is a ridge fit much
 * like q̂, so it departs from the logging policy exactly where q̂ is optimistic, and with q̂ DR then
 * credits it with gains no data supports (on the shuttle table, +0.011 for a UCB bonus α = 0.11 that
 * truly loses 0.003); with q̃ a departure is worth at most what the logging policy earns until explored
 * rows show otherwise. The objective reports the union of both intervals (objective.ts).
 */
import type { LoggedDecision } from '../bandits/estimators/logged-decision.js';
import { validateLogs } from '../bandits/estimators/logged-decision.js';
import type { CrossFittedRewardModel } from '../bandits/estimators/reward-model.js';
import { crossFitRidgeRewardModel } from '../bandits/estimators/ridge-reward-model.js';

/** One logged decision in time order, optionally with the USD cost of the arm that was played. */
export interface ObjectiveRow extends LoggedDecision {
  cost?: number;
  /** The logging policy's distribution over all arms at this row (DecisionRecord.probabilities). */
  probabilities?: ArrayLike<number>;
}

export interface PreparedLogs {
  readonly kind: 'prepared-logs';
  readonly rows: readonly ObjectiveRow[];
  readonly arms: number;
  readonly dimensions: number;
  /** q̂ for row i and every arm, from the fit without row i's fold. */
  readonly rewardModel: CrossFittedRewardModel;
  /** q̃: q̂ capped where the logs give no support; present when every row had its logging distribution. */
  readonly cappedRewardModel: CrossFittedRewardModel | undefined;
  /** ĉ likewise (uncapped), when every row has a cost. */
  readonly costModel: CrossFittedRewardModel | undefined;
}

export interface PrepareOptions {
  /** Arms of the policy being tuned; default: highest logged arm + 1. */
  arms?: number;
  /** Cross-fitting folds of q̂ (and ĉ); default 2. */
  folds?: number;
  /** Ridge strength of q̂ and ĉ; default 1 (contexts are standardized by the featurizers). */
  modelLambda?: number;
  /** W: arms logged with probability below 1/W are unsupported; default 50. Infinity turns the cap off. */
  supportWeight?: number;
}

const DEFAULT_SUPPORT_WEIGHT = 50;
// A distribution that disagrees with the logged propensity is misaligned, not rounded.
const PROPENSITY_TOLERANCE = 1e-6;

export function isPrepared(logs: readonly ObjectiveRow[] | PreparedLogs): logs is PreparedLogs {
  return !Array.isArray(logs) && (logs as PreparedLogs).kind === 'prepared-logs';
}

export function prepareLogs(logs: readonly ObjectiveRow[] | PreparedLogs, options: PrepareOptions = {}): PreparedLogs {
  if (isPrepared(logs)) return logs;
  const rows = logs as readonly ObjectiveRow[];
  validateLogs(rows);
  const maxArm = rows.reduce((m, r) => Math.max(m, r.arm), 0);
  const arms = options.arms ?? maxArm + 1;
  if (maxArm >= arms) throw new RangeError(`logged arm ${maxArm} is outside the policy's ${arms} arms`);
  const folds = options.folds ?? 2;
  const fit = { arms, folds, lambda: options.modelLambda };
  const supportWeight = options.supportWeight ?? DEFAULT_SUPPORT_WEIGHT;
  if (!(supportWeight > 0)) throw new RangeError(`supportWeight must be > 0, got ${supportWeight}`);
  const rewardTable = predictions(crossFitRidgeRewardModel(rows, fit), rows, arms);
  const support = rows.every((r) => r.probabilities !== undefined) && Number.isFinite(supportWeight)
    ? loggingSupport(rows, arms, 1 / supportWeight)
    : undefined;
  const withCost = rows.every((r) => r.cost !== undefined);
  if (withCost) {
    rows.forEach((r, i) => {
      if (!Number.isFinite(r.cost)) throw new RangeError(`row ${i}: cost must be finite, got ${r.cost}`);
    });
  }
  return {
    kind: 'prepared-logs',
    rows,
    arms,
    dimensions: rows[0]!.x.length,
    rewardModel: tabulate(rewardTable, arms, folds),
    cappedRewardModel: support ? tabulate(capped(rewardTable, arms, support), arms, folds) : undefined,
    costModel: withCost
      ? tabulate(predictions(crossFitRidgeRewardModel(rows.map((r) => ({ ...r, reward: r.cost! })), fit), rows, arms), arms, folds)
      : undefined,
  };
}

interface Support {
  probabilities: readonly ArrayLike<number>[];
  threshold: number;
}

/** Every row's logging distribution, checked against the row's arm count and logged propensity. */
function loggingSupport(rows: readonly ObjectiveRow[], arms: number, threshold: number): Support {
  const probabilities = rows.map((r, i) => {
    const p = r.probabilities!;
    if (p.length !== arms) throw new RangeError(`row ${i}: logging distribution has ${p.length} arms, the policy ${arms}`);
    if (Math.abs(p[r.arm]! - r.propensity) > PROPENSITY_TOLERANCE) {
      throw new RangeError(`row ${i}: logging distribution gives arm ${r.arm} probability ${p[r.arm]}, but its propensity is ${r.propensity}`);
    }
    return p;
  });
  return { probabilities, threshold };
}

/**
 * The model's prediction for every (row, arm), stored: a trial then looks predictions up
 * instead of taking an O(d) dot product per arm per row, and the study runs dozens of trials.
 */
function predictions(model: CrossFittedRewardModel, rows: readonly LoggedDecision[], arms: number): Float64Array {
  const table = new Float64Array(rows.length * arms);
  rows.forEach((row, i) => {
    const q = model.modelForRow(i);
    for (let a = 0; a < arms; a++) table[i * arms + a] = q(row.x, a);
  });
  return table;
}

/** q̃ from q̂'s table: unsupported arms capped at the logging policy's model value on their row. */
function capped(table: Float64Array, arms: number, support: Support): Float64Array {
  const out = Float64Array.from(table);
  support.probabilities.forEach((p, i) => {
    let logging = 0;
    for (let a = 0; a < arms; a++) logging += p[a]! * table[i * arms + a]!;
    for (let a = 0; a < arms; a++) if (p[a]! < support.threshold) out[i * arms + a] = Math.min(table[i * arms + a]!, logging);
  });
  return out;
}

/** A table as a cross-fitted model; modelForRow(i) answers for row i's own context only. */
function tabulate(table: Float64Array, arms: number, folds: number): CrossFittedRewardModel {
  const rows = table.length / arms;
  const lookups = Array.from({ length: rows }, (_, i) => (_x: unknown, arm: number) => {
    if (!(arm >= 0 && arm < arms)) throw new RangeError(`reward model has ${arms} arms, asked for arm ${arm}`);
    return table[i * arms + arm]!;
  });
  return { folds, modelForRow: (row) => lookups[row]! };
}
