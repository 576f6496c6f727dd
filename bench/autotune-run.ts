/**
 * The autotune experiment on one full-feedback table, in three steps:
 *   1. the DEFAULT routing policy is replayed over the first `split` of the rows (FORMAT.md's
 *      protocol); its decisions, propensities and observed rewards are the log;
 *   2. θ is tuned on that log with the objective (optimizer/objective-tune.ts);
 *   3. the tuned and the default policies are replayed on the remaining rows, each learning from
 *      its own choices there, and compared row by row.
 *
 * Start of step 3 ("warm", the default): each policy is built with its θ and first trained on the
 * logged (x, a, r, p), which is what the bot does on restart and what the objective assumed; for
 * the default θ that is exactly the state the logging policy ended in. "fresh" starts both from
 * nothing on the held-out rows. Either way both policies start the same way.
 *
 * Diagnostics on the log's rows, which the table's full feedback makes exact (autotune-replay.ts):
 * V̄(θ), the objective's estimand, and θ's on-policy replay over the same rows from scratch, so
 * V̂ − V̄ is the estimator's error and V̄ − on-policy the estimand's bias.
 *
 * The held-out gain's interval is paired over held-out rows: d_j = (1/R) Σ_r (r_j^tuned,r − r_j^default,r),
 * over R replays with seeds seed+1…seed+R, the two policies drawing the same uniforms in each
 * replay (common random numbers), so exploration noise mostly cancels. It does NOT repeat steps
 * 1–2 over seeds: the log and the study are one draw.
 */
import type { Estimate } from '../bandits/estimators/estimate.js';
import { estimateFromTerms } from '../bandits/estimators/estimate.js';
import { restorePolicy } from '../bandits/policy.js';
import { REGISTRY } from '../bandits/registry.js';
import { Sfc32 } from '../bandits/rng.js';
import type { ObjectiveRow } from '../optimizer/objective-logs.js';
import { trainOnLogs } from '../optimizer/objective-progressive.js';
import type { BanditSettings, RouterTheta } from '../optimizer/objective-theta.js';
import { buildThetaPolicy } from '../optimizer/objective-theta.js';
import type { TunedTrial, TuneResult, TuneScore } from '../optimizer/objective-tune.js';
import { tuneRouter } from '../optimizer/objective-tune.js';
import type { SamplerName } from '../optimizer/samplers/create-sampler.js';
import { exactObjective, replayRows } from './autotune-replay.js';
import { tableContexts } from './replay/contexts.js';
import type { Table } from './table/load-table.js';

export type HeldoutStart = 'warm' | 'fresh';

export interface AutotuneOptions {
  trials: number;
  seed: number;
  /** Share of the rows (from the top) that forms the log. */
  split: number;
  replays: number;
  start: HeldoutStart;
  sampler: SamplerName;
  score: TuneScore;
  /** Cap on the objective's importance weights; default none. */
  clip?: number;
  onTrial?: (trial: TunedTrial, index: number) => void;
}

export interface PolicyOutcome {
  /** V̄(θ) on the log's rows, exact. */
  exactObjective: number;
  /** θ's own progressive average reward on the log's rows, from scratch (mean over replays). */
  onPolicyLog: number;
  heldoutReward: number;
  heldoutQuality: number | null;
  heldoutCost: number | null;
}

export interface AutotuneReport {
  dataset: string;
  rows: number;
  arms: number;
  logRows: number;
  heldoutRows: number;
  /** Average reward the default earned while writing the log. */
  logReward: number;
  tune: TuneResult;
  outcomes: { default: PolicyOutcome; tuned: PolicyOutcome };
  /** Held-out tuned − default, paired over rows. */
  gain: Estimate;
  seconds: { log: number; tune: number; replays: number };
}

export function runAutotune(bandit: BanditSettings, table: Table, options: AutotuneOptions): AutotuneReport {
  const k = table.arms.length;
  const n = table.rows;
  const logRows = Math.round(options.split * n);
  const heldoutRows = n - logRows;
  if (logRows < 20 || heldoutRows < 20) throw new Error(`--split ${options.split} leaves ${logRows} log rows and ${heldoutRows} held-out rows; each needs at least 20`);
  const contexts = tableContexts(table);
  const dimensions = contexts[0]!.length;
  let clock = performance.now();
  const lap = () => {
    const now = performance.now();
    const seconds = (now - clock) / 1000;
    clock = now;
    return seconds;
  };

  const logger = buildThetaPolicy(bandit, {}, k, dimensions, options.seed);
  const log: ObjectiveRow[] = [];
  let logReward = 0;
  for (let i = 0; i < logRows; i++) {
    const x = contexts[i]!;
    const { arm, propensity, probabilities } = logger.select(x);
    const reward = table.reward[i * k + arm]!;
    logger.update(x, arm, reward, propensity);
    // The whole distribution is logged, as DecisionRecord.probabilities is in the store.
    log.push({ x, arm, reward, propensity, probabilities, ...(table.cost ? { cost: table.cost[i * k + arm]! } : {}) });
    logReward += reward;
  }
  const logSeconds = lap();

  const tune = tuneRouter(log, {
    bandit, arms: k, trials: options.trials, seed: options.seed, sampler: options.sampler, score: options.score, onTrial: options.onTrial,
    ...(options.clip !== undefined ? { clip: options.clip } : {}),
  });
  const tuneSeconds = lap();

  const perRow = { default: new Float64Array(heldoutRows), tuned: new Float64Array(heldoutRows) };
  const outcome = (which: 'default' | 'tuned'): PolicyOutcome => {
    const theta: RouterTheta = which === 'default' ? {} : tune.best.theta;
    const fresh = (seed: number) => buildThetaPolicy(bandit, theta, k, dimensions, seed);
    // Replay r of either policy draws from the same RNG stream (seed + 1 + r): common random numbers.
    const seeds = Array.from({ length: options.replays }, (_, r) => options.seed + 1 + r);
    const onPolicyLog = seeds.reduce((s, seed) => s + replayRows(fresh(seed), table, contexts, 0, logRows).reward, 0) / (logRows * seeds.length);
    // The learner is deterministic, so the warm state is computed once and each replay restores a copy.
    const start = fresh(options.seed);
    if (options.start === 'warm') trainOnLogs(start, log);
    const state = start.toState();
    const held = { quality: 0, cost: 0 };
    for (const seed of seeds) {
      const policy = restorePolicy({ ...state, rng: Sfc32.fromSeed(seed).state() }, REGISTRY);
      const t = replayRows(policy, table, contexts, logRows, n, perRow[which], 1 / seeds.length);
      held.quality += t.quality;
      held.cost += t.cost;
    }
    return {
      exactObjective: exactObjective(fresh(options.seed), table, log),
      onPolicyLog,
      heldoutReward: perRow[which].reduce((s, v) => s + v, 0) / heldoutRows,
      heldoutQuality: table.quality ? held.quality / (heldoutRows * seeds.length) : null,
      heldoutCost: table.cost ? held.cost / (heldoutRows * seeds.length) : null,
    };
  };
  const outcomes = { default: outcome('default'), tuned: outcome('tuned') };
  return {
    dataset: table.name, rows: n, arms: k, logRows, heldoutRows, logReward: logReward / logRows, tune, outcomes,
    gain: estimateFromTerms(perRow.tuned.map((v, j) => v - perRow.default[j]!)),
    seconds: { log: logSeconds, tune: tuneSeconds, replays: lap() },
  };
}
