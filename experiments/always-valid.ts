/**
 * Always-valid inference for the difference of means (variant − control), so admins may look at
 * the dashboard after every request without inflating the false-positive rate.
 *
 * The test is the normal-mixture mSPRT of Johari, Pekelis & Walsh (2017, "Always valid
 * inference"): with estimate θ̂ = mean_B − mean_A, its variance V = s²_A/n_A + s²_B/n_B and a
 * N(0, τ²) mixture over the effect, the likelihood ratio against θ is
 *   Λ(θ) = sqrt(V / (V + τ²)) · exp(τ² (θ̂ − θ)² / (2 V (V + τ²))).
 * By Ville's inequality P(∃n: Λ_n(θ_true) ≥ 1/α) ≤ α, so {θ : Λ(θ) < 1/α} is a confidence
 * sequence and 1/Λ(0) an always-valid p-value. Plugging in the sample variances makes this the
 * asymptotic confidence sequence of Waudby-Smith et al. (2021, "Time-uniform central limit
 * theory"): valid as the counts grow, which is why results are withheld below `minPerArm`.
 *
 * τ² is set to ρ²·(s²_A + s²_B), with ρ chosen (Waudby-Smith et al., eq. for the optimal ρ) to
 * make the interval tightest at `tuneAtPerArm` requests per arm; the interval is only mildly
 * wider elsewhere. A fixed `tau2` (Johari et al.'s prior on effect sizes) can be given instead.
 */
import type { ArmStats } from './arm-stats.js';
import { sampleVariance } from './arm-stats.js';

export interface AlwaysValidOptions {
  /** Error rate over the whole (unbounded) sequence of looks. */
  alpha?: number;
  /** Requests per arm at which the interval should be tightest. */
  tuneAtPerArm?: number;
  /** Fixed mixing variance in squared metric units; overrides `tuneAtPerArm`. */
  tau2?: number;
  /** Below this many observations per arm no decision is made (the CLT has not kicked in). */
  minPerArm?: number;
}

export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_TUNE_AT_PER_ARM = 5000;
export const DEFAULT_MIN_PER_ARM = 30;

export interface AlwaysValidResult {
  /** mean(variant) − mean(control). */
  estimate: number;
  /** Always-valid interval at level α; ±Infinity when there is not yet enough data. */
  lower: number;
  upper: number;
  /** 1/Λ(0) capped at 1: valid at any data-dependent stopping time. */
  pValue: number;
  excludesZero: boolean;
  alpha: number;
  /** Variance of the estimate and mixing variance, exposed for sample-size planning. */
  variance: number;
  tau2: number;
}

/** Optimal ρ² of Waudby-Smith et al. for tightest width at `n` samples. */
export function tunedRho2(alpha: number, n: number): number {
  const l = -2 * Math.log(alpha);
  return (l + Math.log(l + 1)) / n;
}

/** Half-width of {θ : Λ(θ) < 1/α}. */
export function mixtureHalfWidth(variance: number, tau2: number, alpha: number): number {
  const ratio = (variance + tau2) / variance;
  return Math.sqrt(((variance * (variance + tau2)) / tau2) * (2 * Math.log(1 / alpha) + Math.log(ratio)));
}

/** log Λ(θ) for the estimate's distance `gap` = θ̂ − θ. */
export function mixtureLogLikelihoodRatio(gap: number, variance: number, tau2: number): number {
  return 0.5 * Math.log(variance / (variance + tau2)) + (tau2 * gap * gap) / (2 * variance * (variance + tau2));
}

export function mixingVariance(control: ArmStats, variant: ArmStats, options: AlwaysValidOptions = {}): number {
  if (options.tau2 !== undefined) return options.tau2;
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  return tunedRho2(alpha, options.tuneAtPerArm ?? DEFAULT_TUNE_AT_PER_ARM) * (sampleVariance(control) + sampleVariance(variant));
}

export function compareArms(control: ArmStats, variant: ArmStats, options: AlwaysValidOptions = {}): AlwaysValidResult {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  if (!(alpha > 0 && alpha < 1)) throw new Error(`alpha must be in (0, 1), got ${alpha}.`);
  const estimate = variant.mean - control.mean;
  const minPerArm = Math.max(2, options.minPerArm ?? DEFAULT_MIN_PER_ARM);
  const variance = sampleVariance(control) / control.count + sampleVariance(variant) / variant.count;
  const tau2 = mixingVariance(control, variant, options);
  // Too few samples, or no spread yet (e.g. all rewards equal): the plug-in variance says nothing.
  if (control.count < minPerArm || variant.count < minPerArm || !(variance > 0) || !(tau2 > 0)) {
    return { estimate, lower: -Infinity, upper: Infinity, pValue: 1, excludesZero: false, alpha, variance, tau2 };
  }
  const half = mixtureHalfWidth(variance, tau2, alpha);
  const pValue = Math.min(1, Math.exp(-mixtureLogLikelihoodRatio(estimate, variance, tau2)));
  const lower = estimate - half;
  const upper = estimate + half;
  return { estimate, lower, upper, pValue, excludesZero: lower > 0 || upper < 0, alpha, variance, tau2 };
}

/**
 * Running view across looks: since every look's interval is simultaneously valid, their
 * intersection and the minimum p-value are too, and they never "un-significant" a result.
 */
export interface RunningResult extends AlwaysValidResult {
  looks: number;
}

export function advanceRunning(previous: RunningResult | undefined, current: AlwaysValidResult): RunningResult {
  if (!previous) return { ...current, looks: 1 };
  const lower = Math.max(previous.lower, current.lower);
  const upper = Math.min(previous.upper, current.upper);
  return {
    ...current,
    lower,
    upper,
    pValue: Math.min(previous.pValue, current.pValue),
    excludesZero: lower > 0 || upper < 0,
    looks: previous.looks + 1,
  };
}
