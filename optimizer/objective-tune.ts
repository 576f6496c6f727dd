/**
 * tuneRouter: a Study over θ (GP-EI by default) maximizing the objective on one set of logs,
 * then the paired comparison of the winner with the configured θ, which is what a deployment
 * decision gates on.
 *
 * The study maximizes the objective's LOWER confidence bound by default, not V̂. Trials whose
 * policy departs from the logging policy lean on a few rows with huge importance weights (up to
 * K / floor) and on q̂ where no data checks it, and the largest of thirty such estimates is mostly
 * their error: on the 11-arm vowel table the point-estimate winner scored 1.39 on rewards in
 * [0, 1]. The lower bound (of DR ∪ capped DR, objective.ts) charges each trial for exactly that,
 * and the configured θ, whose weights are ≈ 1 when it wrote the logs, wins unless a trial is
 * better by more than its extra uncertainty. On the six benchmark tables
 * (`npm run bench -- autotune`) this kept the default on four and gained on the other two
 * (held out, both significant), where maximizing a clipped V̂ found larger gains on some tables
 * but lost 0.05 on vowel.
 */
import type { ObjectiveRow, PreparedLogs } from './objective-logs.js';
import { prepareLogs } from './objective-logs.js';
import type { ObjectiveComparison, ObjectiveOptions, ObjectiveResult } from './objective.js';
import { compareObjectives, routerObjective } from './objective.js';
import type { FullTheta, SearchSpaceOptions } from './objective-theta.js';
import { searchSpace, thetaFromParams } from './objective-theta.js';
import type { SamplerName } from './samplers/create-sampler.js';
import { createSampler } from './samplers/create-sampler.js';
import { Study } from './study.js';

export interface TuneOptions extends ObjectiveOptions, SearchSpaceOptions {
  /** Trials of the study; default 30. */
  trials?: number;
  /** Seeds the sampler (and the policies, whose probabilities do not depend on it); default 1. */
  seed?: number;
  /** Default 'gp-ei'. */
  sampler?: SamplerName;
  /** What the study maximizes: V̂'s lower confidence bound (default) or V̂ itself. */
  score?: TuneScore;
  /** Called after each trial (progress output). */
  onTrial?: (trial: TunedTrial, index: number) => void;
}

export type TuneScore = 'lower' | 'value';

export interface TunedTrial {
  theta: FullTheta;
  /** What the study was told: `lower` or `value`, per options.score. */
  score: number;
  value: number;
  lower: number;
  upper: number;
  /** Ĉ(θ) − budget when a budget was given. */
  constraint?: number;
}

export interface TuneResult {
  /** The best-scoring feasible trial, or the configured θ when no trial beat it (then `fromDefault`). */
  best: ObjectiveResult;
  fromDefault: boolean;
  default: ObjectiveResult;
  /** best − default, paired over the logged rows. */
  comparison: ObjectiveComparison;
  trials: TunedTrial[];
}

export function tuneRouter(logs: readonly ObjectiveRow[] | PreparedLogs, options: TuneOptions): TuneResult {
  const trials = options.trials ?? 30;
  if (!(Number.isInteger(trials) && trials >= 1)) throw new RangeError(`trials must be a whole number >= 1, got ${trials}`);
  const seed = options.seed ?? 1;
  const objectiveOptions: ObjectiveOptions = { ...options, seed };
  const prepared = prepareLogs(logs, objectiveOptions);
  const baseline = routerObjective(prepared, {}, objectiveOptions);
  const feasible = (r: ObjectiveResult) => (r.constraint ?? 0) <= 0;
  const scoreOf = (r: ObjectiveResult) => ((options.score ?? 'lower') === 'lower' ? r.lower : r.value);
  const study = new Study({ space: searchSpace(options), sampler: createSampler(options.sampler ?? 'gp-ei', seed), direction: 'maximize' });
  const record: TunedTrial[] = [];
  // The configured θ competes too: a study that finds nothing better must not recommend a change.
  let best = baseline;
  let fromDefault = true;
  for (let t = 0; t < trials; t++) {
    const trial = study.ask();
    const result = routerObjective(prepared, thetaFromParams(trial.params), objectiveOptions);
    const score = scoreOf(result);
    // A one-row log has an infinite interval: fall back to the point estimate rather than fail the trial.
    const told = Number.isFinite(score) ? score : result.value;
    study.tell(trial.id, result.constraint === undefined ? told : { value: told, constraints: [result.constraint] });
    const summary: TunedTrial = {
      theta: result.theta, score: told, value: result.value, lower: result.lower, upper: result.upper,
      ...(result.constraint !== undefined ? { constraint: result.constraint } : {}),
    };
    record.push(summary);
    options.onTrial?.(summary, t);
    if (feasible(result) && (!feasible(best) || scoreOf(result) > scoreOf(best))) {
      best = result;
      fromDefault = false;
    }
  }
  return { best, fromDefault, default: baseline, comparison: compareObjectives(best, baseline, options.confidence), trials: record };
}
