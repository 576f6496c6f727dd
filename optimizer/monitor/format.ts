/**
 * Number, time and duration wording for the admin recommendations: short, unit-free rewards
 * with a true minus sign, UTC times to the minute, p-values to the precision that matters.
 */
import { MS_PER_DAY, MS_PER_HOUR } from './notation.js';

const MINUS = '\u2212';

/** A reward or reward change: two decimals, trailing zeros dropped, one significant digit below 0.01. */
export function formatReward(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  const text = abs === 0 ? '0' : abs < 0.01 ? String(Number(abs.toPrecision(1))) : String(Number(abs.toFixed(2)));
  return text === '0' ? '0' : (x < 0 ? MINUS : '') + text;
}

/** p-value as "0.03", "0.003" or "< 0.001", ready to follow "p ". */
export function formatP(p: number): string {
  if (p < 0.001) return '< 0.001';
  if (p < 0.01) return `= ${p.toFixed(3)}`;
  return `= ${p.toFixed(2)}`;
}

/** "2026-11-20 14:00 UTC". */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Hours up to two days ("24 h"), then days ("14 days"). */
export function formatDuration(ms: number): string {
  if (ms < 2 * MS_PER_DAY) {
    const hours = Math.max(1, Math.round(ms / MS_PER_HOUR));
    return `${hours} h`;
  }
  return `${Math.round(ms / MS_PER_DAY)} days`;
}
