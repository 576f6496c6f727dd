import type { ExperimentReport } from '../../experiments/experiment-report.js';
import { formatAmount, formatEstimate } from '../../experiments/verdict.js';

/**
 * What to do with a running canary, from its experiment's report. Symbols: c = control's mean
 * reward, v = the canary's, d = v − c with its always-valid interval [d⁻, d⁺] (the engine's
 * mixture SPRT, safe to look at after every request), n = the canary's closed rewards, τ = the
 * rollback tolerance, s = max(|c|, SCALE_FLOOR).
 *
 *   rollback  when d⁺ < 0 (clearly worse, at any n), or n ≥ minSamples and d < −τ·s (fallen more
 *             than the tolerance below control), or a guardrail stopped it (errors, latency, cost);
 *   promote   when d⁻ > 0 (clearly better);
 *   expire    when it ran maxAgeMs without either: control stays, nothing is learned for sure;
 *   wait      otherwise.
 *
 * s has a floor because rewards straddle zero: 15 % of a control mean of 0.01 would make any
 * noise a rollback.
 */
export const SCALE_FLOOR = 0.1;

export type CanaryAction =
  | { action: 'wait'; reason: string }
  | { action: 'promote' | 'rollback' | 'expire'; reason: string };

export interface CanaryRules {
  tolerance: number;
  minSamples: number;
  maxAgeMs: number;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

export function decideCanary(report: ExperimentReport, canaryVariant: string, ageMs: number, rules: CanaryRules): CanaryAction {
  const control = report.variants.find((v) => v.name === report.experiment.control)!;
  const canary = report.variants.find((v) => v.name === canaryVariant)!;
  const verdict = report.verdicts.find((v) => v.variant === canaryVariant);
  const n = canary.reward.count;
  if (!verdict || n === 0 || control.reward.count === 0) {
    return ageMs > rules.maxAgeMs
      ? { action: 'expire', reason: `no rewards to compare after ${Math.round(ageMs / 3_600_000)} h` }
      : { action: 'wait', reason: 'waiting for the first rewards of both groups' };
  }
  const d = verdict.primary;
  const diff = formatEstimate({ value: d.estimate, lower: d.lower, upper: d.upper });
  const scale = Math.max(Math.abs(control.reward.mean), SCALE_FLOOR);
  const drop = -d.estimate / scale;
  if (verdict.verdict.decision === 'stopped') return { action: 'rollback', reason: `a guardrail stopped it: ${verdict.verdict.text}` };
  if (d.upper < 0) {
    return { action: 'rollback', reason: `the canary is worse than control (reward ${formatAmount(canary.reward.mean)} vs ${formatAmount(control.reward.mean)}, difference ${diff})` };
  }
  if (n >= rules.minSamples && drop > rules.tolerance) {
    return { action: 'rollback', reason: `the canary's reward is ${pct(drop)} below control's (tolerance ${pct(rules.tolerance)}) after ${n} requests` };
  }
  if (d.lower > 0) {
    return { action: 'promote', reason: `the canary beats control by ${diff} over ${n} requests` };
  }
  if (ageMs > rules.maxAgeMs) return { action: 'expire', reason: `no clear difference after ${n} requests; control stays` };
  return { action: 'wait', reason: `${n} canary requests so far; difference ${diff}` };
}
