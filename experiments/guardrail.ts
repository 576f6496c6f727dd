/**
 * Guardrails: a variant may win on reward yet cost more, answer slower or fail more often.
 * A guardrail trips only when the always-valid interval shows the variant worse by more than
 * the tolerance everywhere in the interval, so it can be watched continuously without
 * stopping good variants on noise.
 */
import type { ArmStats } from './arm-stats.js';
import type { AlwaysValidOptions, AlwaysValidResult } from './always-valid.js';
import { compareArms } from './always-valid.js';

export interface GuardrailSpec {
  /** Human name used in verdicts, e.g. "error rate", "cost", "latency". */
  metric: string;
  /** Worsening that is acceptable, in the metric's units. */
  tolerance?: number;
  /** Acceptable worsening as a fraction of the control mean (added to `tolerance`). */
  relativeTolerance?: number;
}

export interface GuardrailResult extends AlwaysValidResult {
  metric: string;
  /** Largest acceptable (variant − control) increase. */
  margin: number;
  worse: boolean;
}

/** For a lower-is-better metric: worse when the whole interval lies above control + margin. */
export function checkGuardrail(spec: GuardrailSpec, control: ArmStats, variant: ArmStats, options: AlwaysValidOptions = {}): GuardrailResult {
  const margin = (spec.tolerance ?? 0) + (spec.relativeTolerance ?? 0) * Math.abs(control.mean);
  if (!(margin >= 0)) throw new Error(`Guardrail "${spec.metric}" has a negative or invalid tolerance.`);
  const result = compareArms(control, variant, options);
  return { ...result, metric: spec.metric, margin, worse: result.lower > margin };
}
