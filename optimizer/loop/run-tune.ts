import type { Config } from '../../config/index.js';
import { withOverrides } from '../../router/routing-policy.js';
import type { LoggedRouting } from '../../store/optimizer-records.js';
import { logsFromClosedRewards } from '../objective-closed-rewards.js';
import { tuneRouter } from '../objective-tune.js';
import type { TuneInput, TuneOutcome } from './tune-types.js';

/** Everything a tuning pass needs, plain data so it can cross to a worker thread. */
export interface TuneJob extends TuneInput {
  /** config.bandit: the configured settings the current overrides apply to. */
  bandit: Config['bandit'];
  /** config.reward.costWeight, so the objective can read each row's USD cost back. */
  costWeight: number;
}

const interval = (e: { value: number; lower: number; upper: number }) => ({ value: e.value, lower: e.lower, upper: e.upper });

/**
 * One tuning pass: the tenant's logs as the objective's rows (with the logging distributions, so
 * unsupported arms are capped), a GP-EI study over θ on them, and the paired comparison of the
 * best θ with the policy serving now — whose settings are the study's baseline.
 */
export function runTune(job: TuneJob): TuneOutcome {
  const { rows, arms } = logsFromClosedRewards(job.logs, {
    costWeight: job.costWeight,
    loggingProbabilities: (r) => (r as LoggedRouting).probabilities,
  });
  if (rows.length === 0) throw new Error('none of the logged requests can be evaluated (arms or features changed)');
  const result = tuneRouter(rows, {
    bandit: withOverrides(job.bandit, job.current), arms: arms.length, trials: job.trials, seed: job.seed, confidence: job.confidence,
  });
  return {
    best: { ...result.best.theta },
    bestEstimate: interval(result.best),
    currentEstimate: interval(result.default),
    gain: interval(result.comparison),
    trials: result.trials.map((t) => ({ params: { ...t.theta }, value: t.value, lower: t.lower, upper: t.upper })),
  };
}
