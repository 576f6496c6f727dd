/**
 * Sample-ratio mismatch: if the observed split differs from the configured shares by more than
 * chance, assignment or logging is broken (bots filtered on one arm, a crashing variant that
 * never logs) and every comparison is suspect, however significant it looks.
 */
import { chiSquareSurvival } from './chi-square.js';

/**
 * Industry convention (Kohavi et al., Fabijan et al. 2019): p < 0.001 keeps false alarms rare
 * even when the check runs on every dashboard refresh, while real SRMs give far smaller p.
 */
export const SRM_P_THRESHOLD = 0.001;

export interface SrmResult {
  statistic: number;
  df: number;
  pValue: number;
  mismatch: boolean;
  threshold: number;
  /** Observed share of each variant, in the order given. */
  observedShares: number[];
}

/** Pearson chi-square goodness of fit of `counts` against `shares` (normalised by their sum). */
export function sampleRatioMismatch(counts: readonly number[], shares: readonly number[], threshold = SRM_P_THRESHOLD): SrmResult {
  if (counts.length !== shares.length) throw new Error(`${counts.length} counts but ${shares.length} shares.`);
  if (counts.length < 2) throw new Error('An SRM check needs at least two variants.');
  if (shares.some((s) => !Number.isFinite(s) || s <= 0)) throw new Error('Shares must be positive numbers.');
  if (counts.some((c) => !Number.isFinite(c) || c < 0)) throw new Error('Counts must be non-negative numbers.');
  const total = counts.reduce((s, c) => s + c, 0);
  const shareTotal = shares.reduce((s, c) => s + c, 0);
  const df = counts.length - 1;
  if (total === 0) return { statistic: 0, df, pValue: 1, mismatch: false, threshold, observedShares: counts.map(() => 0) };
  let statistic = 0;
  counts.forEach((observed, i) => {
    const expected = (total * shares[i]!) / shareTotal;
    statistic += ((observed - expected) * (observed - expected)) / expected;
  });
  const pValue = chiSquareSurvival(statistic, df);
  return { statistic, df, pValue, mismatch: pValue < threshold, threshold, observedShares: counts.map((c) => c / total) };
}
