import type { Context } from '../types.js';
import type { LoggedDecision } from './logged-decision.js';

/**
 * The policy being evaluated: either its probabilities over arms for each logged row (row i
 * aligned with logs[i]), or a function computing them from the context. Precomputed rows let
 * callers evaluate policies that are expensive, stateful, or only available as past scores.
 */
export type TargetPolicy = readonly ArrayLike<number>[] | ((x: Context) => ArrayLike<number>);

// Probabilities built by softmax or mixing rarely sum to 1 exactly.
const SUM_TOLERANCE = 1e-6;

/**
 * The target's distribution for every logged row, checked: one row per log, the same number
 * of arms on every row, entries in [0, 1] summing to 1, and the logged arm within range.
 * A mismatch here is nearly always a misaligned or mis-shaped input, so it throws.
 */
export function resolveTarget(target: TargetPolicy, logs: readonly LoggedDecision[]): ArrayLike<number>[] {
  const rows = typeof target === 'function' ? logs.map((row) => target(row.x)) : target;
  if (rows.length !== logs.length) {
    throw new RangeError(`target gives ${rows.length} rows of probabilities for ${logs.length} logged rows`);
  }
  const arms = rows[0]?.length ?? 0;
  const out: ArrayLike<number>[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]!;
    if (p.length !== arms) throw new RangeError(`row ${i}: target has ${p.length} arms, row 0 has ${arms}`);
    if (logs[i]!.arm >= arms) throw new RangeError(`row ${i}: logged arm ${logs[i]!.arm} is outside the target's ${arms} arms`);
    let sum = 0;
    for (let a = 0; a < arms; a++) {
      const v = p[a]!;
      if (!(v >= 0 && v <= 1 + SUM_TOLERANCE)) throw new RangeError(`row ${i}: target probability of arm ${a} is ${v}`);
      sum += v;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) throw new RangeError(`row ${i}: target probabilities sum to ${sum}, not 1`);
    out[i] = p;
  }
  return out;
}
