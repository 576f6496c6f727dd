/**
 * Student's t tail probabilities and Welch's two-sample test, for the per-arm drop check: an
 * arm's last day often holds only a few dozen rewards, where the normal approximation is too
 * eager.
 *
 *   T_ν          Student's t with ν degrees of freedom (ν need not be an integer: Welch's ν isn't)
 *   I_x(a, b)    regularized incomplete beta; P(|T_ν| > t) = I_{ν/(ν+t²)}(ν/2, ½)
 */
import { logGamma } from '../../experiments/chi-square.js';

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITER = 1000;

/** Continued fraction for I_x(a, b) (Numerical Recipes §6.4, modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b) for x in [0, 1]. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  // The fraction converges fast only below the mean a/(a+b); use the symmetry above it.
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T_ν > t), the upper tail. */
export function studentTUpperTail(t: number, df: number): number {
  if (Number.isNaN(t)) return Number.NaN;
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const twoSided = regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? twoSided / 2 : 1 - twoSided / 2;
}

/** Sufficient statistics of one sample. */
export interface SampleSummary {
  count: number;
  mean: number;
  /** Unbiased sample variance (n − 1 denominator). */
  variance: number;
}

export interface ContrastResult {
  /** The contrast's estimate, e.g. mean(a) − mean(b). */
  difference: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** One-sided p for H1: the true difference is > 0. */
  pGreater: number;
}

/**
 * t-test of a difference of sample means with unit coefficients (±1 each), samples independent,
 * variances unequal: se² = Σ s_i²/n_i, ν = (Σ s_i²/n_i)² / Σ (s_i²/n_i)²/(n_i − 1). Each sample
 * needs at least two values.
 */
export function contrastTest(difference: number, samples: readonly SampleSummary[]): ContrastResult {
  let v = 0;
  let denominator = 0;
  for (const s of samples) {
    const vi = s.variance / s.count;
    v += vi;
    denominator += (vi * vi) / (s.count - 1);
  }
  const se = Math.sqrt(v);
  if (!(se > 0)) {
    // Every sample constant: any difference at all is certain, none is no evidence.
    const t = difference > 0 ? Infinity : difference < 0 ? -Infinity : 0;
    return { difference, t, df: samples.reduce((acc, s) => acc + s.count - 1, 0), pGreater: difference > 0 ? 0 : 1 };
  }
  const t = difference / se;
  const df = (v * v) / denominator;
  return { difference, t, df, pGreater: studentTUpperTail(t, df) };
}

/** Welch's unequal-variance t-test of mean(a) − mean(b). */
export function welchTest(a: SampleSummary, b: SampleSummary): ContrastResult {
  return contrastTest(a.mean - b.mean, [a, b]);
}
