/** Small summaries for the A/B-test benchmark: rates with Wilson intervals and censored quantiles. */
import { Sfc32 } from '../bandits/rng.js';

export interface Rate {
  hits: number;
  n: number;
  rate: number;
  /** Wilson 95% interval: unlike the Wald interval it stays sensible for rates near 0. */
  lo: number;
  hi: number;
}

export function wilson(hits: number, n: number, z = 1.959964): Rate {
  if (n === 0) return { hits, n, rate: Number.NaN, lo: Number.NaN, hi: Number.NaN };
  const p = hits / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { hits, n, rate: p, lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/**
 * Quantile of times-to-detection where undetected runs count as +∞ (censored at the cap), so the
 * median is honest about runs that never detected; null when the quantile falls beyond the cap.
 */
export function censoredQuantile(times: readonly (number | null)[], q: number): number | null {
  const sorted = times.map((t) => t ?? Infinity).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  // Lower empirical quantile: an actual observed look, not an interpolation between looks.
  const v = sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return Number.isFinite(v) ? v : null;
}

/** An independent, reproducible stream per (seed, part, experiment). */
export function streamRng(seed: number, part: number, index: number): Sfc32 {
  const rng = new Sfc32([0x9e3779b9 ^ seed, 0x243f6a88 + part, index, 1]);
  // As in Sfc32.fromSeed: the first outputs still carry the structure of the seed words.
  for (let i = 0; i < 20; i++) rng.next();
  return rng;
}
