/**
 * The optimizer's objective: how much reward the router's policy built with hyperparameters θ
 * would earn, estimated from logged decisions by progressive doubly-robust off-policy evaluation.
 *
 * Data. n logged rows in time order; row i = (x_i ∈ ℝ^d, a_i ∈ {0…K−1}, r_i ∈ ℝ, p_i ∈ (0, 1],
 * optionally c_i ≥ 0): the context the router saw, the arm the LOGGING policy played, its reward,
 * the logging probability of a_i, and a_i's cost in USD.
 *
 * Target. π_θ^(i)(·|x) ∈ Δ_K is buildRoutingPolicy(bandit ⊕ θ)'s distribution after it has
 * learned rows 0…i−1 through update(x_j, a_j, r_j, p_j), j < i (objective-progressive.ts).
 *
 * Reward model. q̂^(−f)(x, a): one ridge regression on [1, x] per arm, fitted on the rows outside
 * fold f; rows are dealt to F folds round-robin (f(i) = i mod F, F = 2), so row i's q̂ never saw row i.
 * When the rows carry the logging policy's whole distribution p_i(·), a second model q̃ caps q̂
 * where that policy gave an arm less than 1/W (W = 50): q̃_i(a) = min(q̂(x_i, a), Σ_b p_i(b) q̂(x_i, b))
 * (objective-logs.ts says why).
 *
 * Per-row terms and estimate, for m ∈ {q̂, q̃}:
 *   w_i      = π_θ^(i)(a_i|x_i) / p_i                       (optionally min(w_i, clip))
 *   t_i^m(θ) = Σ_a π_θ^(i)(a|x_i) m_i(a) + w_i (r_i − m_i(a_i))
 *   V̂(θ)    = (1/n) Σ_i t_i^q̂(θ)                           (`value`: plain DR)
 *   I^m      = mean(t^m) ± z_{1−α/2} · sd(t^m) / √n
 *   [lower, upper] = I^q̂ ∪ I^q̃ (the smallest interval holding both; I^q̂ alone without distributions)
 *
 * What it estimates: V̄(θ) = (1/n) Σ_i E_x[Σ_a π_θ^(i)(a|x) μ(x, a)], μ(x, a) = E[r | x, a]: the
 * learning curve of θ's policy averaged over the log. π^(i) depends only on earlier rows and q̂ only
 * on other folds (q̃ also on p_i(·), fixed before a_i was drawn), so each t_i^m is unbiased for
 * its row when the propensities are right, whichever m (or when m is right). The union keeps
 * the interval honest when either model is: plain DR's typical error follows q̂, which is
 * optimistic exactly where θ departs from the logging policy (the target's learner is a ridge fit
 * like q̂), and q̃'s errs pessimistic there. The study's score and the deployment gate use `lower`.
 * The t_i are not independent (π^(i) drifts as it learns, rows share q̂): the interval treats them
 * as exchangeable. The drift inflates s_t, so it errs wide; optimizer/objective.test.ts checks its
 * coverage of V̄ on simulated logs.
 *
 * Known bias, relative to deploying θ: the target learns from the logging policy's choices, not
 * its own. Exploration (ε, the floor, α) is charged its immediate cost but earns no credit for the
 * information it would have gathered, since the logging policy's exploration comes free, so V̂
 * favours less exploration than is best on-policy; the learning parameters (λ, drift) are judged on
 * data spread more evenly over arms than θ's own traffic would be. And where θ departs from a
 * nearly greedy logging policy, the rows that could correct the model are rare: unbiased in
 * expectation, V̂ is then usually off in q̂'s direction, typically optimistic; the union with I^q̃
 * guards `lower` against that only when the logging distributions are known. Taking the best of
 * many trials on the same logs also makes the winner's V̂ optimistic (winner's curse). bench/autotune.ts
 * separates these: with a full-feedback table it computes V̄ exactly, replays θ on-policy, and
 * replays the tuned and default policies on held-out rows.
 *
 * Latency and cost are already in r (router/reward.ts subtracts latencyWeight·s and costWeight·USD;
 * FORMAT.md tables use quality − λ·cost − μ·latency), so V̂ is net of them. A hard budget is
 * optional: Ĉ(θ) is the same DR estimator with c in place of r (its own cross-fitted ridge ĉ), the
 * mean cost per request of θ's chosen arms, and g(θ) = Ĉ(θ) − budget ≤ 0 is the Study's constraint.
 */
import type { Estimate } from '../bandits/estimators/estimate.js';
import { DEFAULT_CONFIDENCE, estimateFromRowTerms, estimateFromTerms } from '../bandits/estimators/estimate.js';
import { drTerms } from '../bandits/estimators/dr.js';
import { resolveTarget } from '../bandits/estimators/target-policy.js';
import type { ObjectiveRow, PrepareOptions, PreparedLogs } from './objective-logs.js';
import { prepareLogs } from './objective-logs.js';
import { progressiveProbabilities } from './objective-progressive.js';
import type { BanditSettings, FullTheta, RouterTheta } from './objective-theta.js';
import { buildThetaPolicy, fullTheta } from './objective-theta.js';

export interface ObjectiveOptions extends PrepareOptions {
  /** The configured bandit settings θ overrides (config.bandit). */
  bandit: BanditSettings;
  /** Policy RNG seed; the routing policy's probabilities do not depend on it. Default 1. */
  seed?: number;
  /** Two-sided level of the intervals; default 0.95. */
  confidence?: number;
  /** Cap on the importance weights w_i (bias for variance); default none. */
  clip?: number;
  /** USD per request: adds Ĉ(θ) and the constraint g(θ) = Ĉ(θ) − budget. Needs logged costs. */
  costBudget?: number;
}

/**
 * `value` and `stdError` are plain DR's; `lower` / `upper` the union of plain DR's interval and,
 * when the logs carry the logging distributions, the capped model's (`capped`).
 */
export interface ObjectiveResult extends Estimate {
  /** θ with every tuned value filled in from the configured settings. */
  theta: FullTheta;
  /** Plain DR alone. */
  plain: Estimate;
  /** DR with q̃, when the logs carry the logging policy's distributions. */
  capped?: Estimate;
  /** t_i^q̂(θ), aligned with the logs: paired comparisons subtract them row by row. */
  terms: Float64Array;
  /** t_i^q̃(θ), likewise. */
  cappedTerms?: Float64Array;
  /** Ĉ(θ), when the logs carry costs. */
  cost?: Estimate;
  /** Ĉ(θ) − costBudget; feasible when ≤ 0. */
  constraint?: number;
}

/** candidate − baseline on the same rows: the union of the intervals of the row-wise differences of their terms. */
export interface ObjectiveComparison extends Estimate {
  candidate: ObjectiveResult;
  baseline: ObjectiveResult;
}

export function routerObjective(logs: readonly ObjectiveRow[] | PreparedLogs, theta: RouterTheta, options: ObjectiveOptions): ObjectiveResult {
  const prepared = prepareLogs(logs, options);
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const policy = buildThetaPolicy(options.bandit, theta, prepared.arms, prepared.dimensions, options.seed ?? 1);
  const rows = resolveTarget(progressiveProbabilities(policy, prepared.rows), prepared.rows);
  const weights = options.clip === undefined ? {} : { clip: options.clip };
  const reward = drTerms(prepared.rows, rows, prepared.rewardModel, weights);
  const plain = estimateFromRowTerms(reward, confidence);
  const cappedTerms = prepared.cappedRewardModel ? drTerms(prepared.rows, rows, prepared.cappedRewardModel, weights) : undefined;
  const capped = cappedTerms ? estimateFromRowTerms(cappedTerms, confidence) : undefined;
  const result: ObjectiveResult = {
    ...union(plain, capped),
    theta: fullTheta(options.bandit, theta),
    plain,
    terms: reward.terms,
    ...(capped ? { capped, cappedTerms: cappedTerms!.terms } : {}),
  };
  if (prepared.costModel) {
    const costRows = prepared.rows.map((r) => ({ ...r, reward: r.cost! }));
    result.cost = estimateFromRowTerms(drTerms(costRows, rows, prepared.costModel, weights), confidence);
  }
  if (options.costBudget !== undefined) {
    if (!result.cost) throw new RangeError('costBudget needs a cost on every logged row');
    result.constraint = result.cost.value - options.costBudget;
  }
  return result;
}

/** Paired difference candidate − baseline from two objectives computed on the same logs. */
export function compareObjectives(candidate: ObjectiveResult, baseline: ObjectiveResult, confidence = DEFAULT_CONFIDENCE): ObjectiveComparison {
  if (candidate.terms.length !== baseline.terms.length) {
    throw new RangeError(`objectives were computed on different logs (${candidate.terms.length} and ${baseline.terms.length} rows)`);
  }
  const difference = (a: Float64Array, b: Float64Array) => estimateFromTerms(a.map((t, i) => t - b[i]!), confidence);
  const capped = candidate.cappedTerms && baseline.cappedTerms ? difference(candidate.cappedTerms, baseline.cappedTerms) : undefined;
  return { ...union(difference(candidate.terms, baseline.terms), capped), candidate, baseline };
}

/** Plain DR's estimate with its interval widened to hold the capped model's too. */
function union(plain: Estimate, capped: Estimate | undefined): Estimate {
  if (!capped) return { ...plain };
  return { ...plain, lower: Math.min(plain.lower, capped.lower), upper: Math.max(plain.upper, capped.upper) };
}

/**
 * V̂(θ) − V̂(configured θ) with its paired interval. Its `lower` is what the autonomous loop
 * compares with zero before deploying θ: the same rows and the same q̂ cancel most of the noise
 * two separate intervals would carry.
 */
export function compareWithDefault(
  logs: readonly ObjectiveRow[] | PreparedLogs,
  theta: RouterTheta,
  options: ObjectiveOptions,
): ObjectiveComparison {
  const prepared = prepareLogs(logs, options);
  return compareObjectives(routerObjective(prepared, theta, options), routerObjective(prepared, {}, options), options.confidence);
}
