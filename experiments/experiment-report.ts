/**
 * Per-variant statistics of one experiment, from its exposed requests: the primary metric is the
 * closed reward; error rate, latency and cost are guardrails. Pure, so the numbers an admin sees
 * can be tested without a database.
 */
import type { ExperimentRecord, ExposureOutcome } from '../store/experiment-records.js';
import { addObservation, emptyArm, sampleVariance, type ArmStats } from './arm-stats.js';
import { DEFAULT_ALPHA, DEFAULT_MIN_PER_ARM, DEFAULT_TUNE_AT_PER_ARM, mixtureHalfWidth, tunedRho2 } from './always-valid.js';
import { checkGuardrail, type GuardrailSpec } from './guardrail.js';
import { compareAgainstControl, type VariantComparison } from './multiple-comparisons.js';
import { requestsNeeded } from './sample-size.js';
import { sampleRatioMismatch, type SrmResult } from './srm.js';
import { verdict, type Verdict } from './verdict.js';

export interface VariantSummary {
  name: string;
  share: number;
  /** Exposed requests (the SRM counts), whether or not their reward has closed. */
  requests: number;
  reward: ArmStats;
  /** Always-valid interval of the mean reward; undefined below the minimum sample. */
  rewardInterval?: { lower: number; upper: number };
  positiveFeedback: ArmStats;
  errors: ArmStats;
  latencyMs: ArmStats;
  costUsd: ArmStats;
}

export interface VariantVerdict {
  variant: string;
  primary: VariantComparison;
  verdict: Verdict;
}

export interface ExperimentReport {
  experiment: ExperimentRecord;
  variants: VariantSummary[];
  srm: SrmResult | undefined;
  /** One per non-control variant, against control. */
  verdicts: VariantVerdict[];
}

export interface ReportOptions {
  alpha?: number;
  /** Smallest reward difference worth detecting, for the "more requests needed" estimate. */
  mde?: number;
}

/**
 * Tolerances chosen so a guardrail flags only what an admin would call a regression: two points
 * more failures, a fifth slower, a fifth dearer.
 */
const GUARDRAILS: ReadonlyArray<GuardrailSpec & { key: 'errors' | 'latencyMs' | 'costUsd' }> = [
  { key: 'errors', metric: 'error rate', tolerance: 0.02 },
  { key: 'latencyMs', metric: 'latency (ms)', relativeTolerance: 0.2 },
  { key: 'costUsd', metric: 'cost (USD)', relativeTolerance: 0.2 },
];

/** Rewards are mostly within ±1; a twentieth is about the smallest difference members notice. */
const DEFAULT_MDE = 0.05;

/** The one-sample version of the mixture interval (same τ² tuning as compareArms). */
export function meanInterval(stats: ArmStats, alpha = DEFAULT_ALPHA): { lower: number; upper: number } | undefined {
  const s2 = sampleVariance(stats);
  if (stats.count < DEFAULT_MIN_PER_ARM || !(s2 > 0)) return undefined;
  const half = mixtureHalfWidth(s2 / stats.count, tunedRho2(alpha, DEFAULT_TUNE_AT_PER_ARM) * s2, alpha);
  return { lower: stats.mean - half, upper: stats.mean + half };
}

function summarize(experiment: ExperimentRecord, outcomes: readonly ExposureOutcome[], alpha: number): VariantSummary[] {
  const byName = new Map<string, VariantSummary>(experiment.variants.map((v) => [v.name, {
    name: v.name, share: v.share, requests: 0, reward: emptyArm(), positiveFeedback: emptyArm(),
    errors: emptyArm(), latencyMs: emptyArm(), costUsd: emptyArm(),
  }]));
  for (const o of outcomes) {
    const s = byName.get(o.variant);
    if (!s) continue;
    s.requests++;
    s.costUsd = addObservation(s.costUsd, o.costUsd);
    s.errors = addObservation(s.errors, o.failed ? 1 : 0);
    if (o.latencyMs !== null) s.latencyMs = addObservation(s.latencyMs, o.latencyMs);
    // Feedback rate over closed requests only: open ones may still receive their thumbs-up.
    if (o.reward !== null) {
      s.reward = addObservation(s.reward, o.reward);
      s.positiveFeedback = addObservation(s.positiveFeedback, o.positiveFeedback ? 1 : 0);
    }
  }
  return [...byName.values()].map((s) => {
    const interval = meanInterval(s.reward, alpha);
    return interval ? { ...s, rewardInterval: interval } : s;
  });
}

export function experimentReport(experiment: ExperimentRecord, outcomes: readonly ExposureOutcome[], options: ReportOptions = {}): ExperimentReport {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const variants = summarize(experiment, outcomes, alpha);
  const srm = variants.length >= 2 ? sampleRatioMismatch(variants.map((v) => v.requests), variants.map((v) => v.share)) : undefined;
  const control = variants.find((v) => v.name === experiment.control);
  if (!control) return { experiment, variants, srm, verdicts: [] };
  const others = variants.filter((v) => v !== control);
  const comparisons = compareAgainstControl(control.reward, others.map((v) => ({ name: v.name, stats: v.reward })), { alpha });
  // Guardrails share the Bonferroni split of the primary comparisons.
  const split = { alpha: alpha / Math.max(1, others.length) };
  const verdicts = others.map((v, i) => {
    const primary = comparisons[i]!;
    const guardrails = GUARDRAILS.map((g) => checkGuardrail(g, control[g.key], v[g.key], split));
    const more = control.reward.count >= 2 && v.reward.count >= 2
      ? requestsNeeded(control.reward, v.reward, { ...split, mde: options.mde ?? DEFAULT_MDE })
      : undefined;
    return {
      variant: v.name,
      primary,
      verdict: verdict({
        controlName: control.name, variantName: v.name, primary, guardrails,
        ...(srm ? { srm } : {}), ...(more === undefined ? {} : { moreRequests: more }),
      }),
    };
  });
  return { experiment, variants, srm, verdicts };
}
