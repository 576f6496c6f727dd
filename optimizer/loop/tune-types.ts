import type { BanditOverrides } from '../../store/experiment-records.js';
import type { Interval, LoggedRouting, OptimizerTrialRecord } from '../../store/optimizer-records.js';

/** What one tuning pass is given: a tenant's logged routing decisions and the policy serving now. */
export interface TuneInput {
  logs: LoggedRouting[];
  /** Overrides of the policy serving the tenant now (empty: the configured default). */
  current: BanditOverrides;
  trials: number;
  seed: number;
  /** Two-sided confidence level of the intervals (CONFIDENCE_THRESHOLD). */
  confidence: number;
}

/** Its result: the best candidate, both estimates on the same logs, and their paired difference. */
export interface TuneOutcome {
  best: BanditOverrides;
  bestEstimate: Interval;
  currentEstimate: Interval;
  /** best − current; deployment needs gain.lower > 0. */
  gain: Interval;
  trials: OptimizerTrialRecord[];
}

/** Runs the tuning somewhere (a worker thread in the bot, in-process in tests). */
export type Tuner = (input: TuneInput) => Promise<TuneOutcome>;
