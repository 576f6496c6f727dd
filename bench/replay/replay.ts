import type { Policy } from '../../bandits/policy.js';
import type { Table } from '../table/load-table.js';

export interface ReplayResult {
  policy: string;
  avgReward: number;
  avgQuality: number | null;
  avgCost: number | null;
  /** Share of rows on which each arm was chosen. */
  shares: number[];
  decisionsPerSec: number;
  p99Micros: number;
  /** Progressive average reward after row `at` (for the curves). */
  curve: Array<[number, number]>;
}

/**
 * The replay protocol of FORMAT.md: one pass in file order; for each row the policy sees the
 * context, picks an arm with a propensity, is told that arm's reward only, and learns before the
 * next row. Timing covers select + update only (contexts are built beforehand); the per-row
 * clock reads are included in the throughput, so it slightly understates the policy's speed.
 */
export function replay(name: string, table: Table, contexts: Float64Array[], policy: Policy, curvePoints = 200): ReplayResult {
  const k = table.arms.length;
  const n = table.rows;
  const counts = new Float64Array(k);
  const micros = new Float64Array(n);
  let reward = 0;
  let quality = 0;
  let cost = 0;
  const curve: Array<[number, number]> = [];
  const every = Math.max(1, Math.floor(n / curvePoints));
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const x = contexts[i]!;
    const t0 = performance.now();
    const d = policy.select(x);
    const r = table.reward[i * k + d.arm]!;
    policy.update(x, d.arm, r, d.propensity);
    micros[i] = (performance.now() - t0) * 1000;
    counts[d.arm]!++;
    reward += r;
    if (table.quality) quality += table.quality[i * k + d.arm]!;
    if (table.cost) cost += table.cost[i * k + d.arm]!;
    if ((i + 1) % every === 0 || i + 1 === n) curve.push([i + 1, reward / (i + 1)]);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    policy: name,
    avgReward: reward / n,
    avgQuality: table.quality ? quality / n : null,
    avgCost: table.cost ? cost / n : null,
    shares: Array.from(counts, (c) => c / n),
    decisionsPerSec: n / seconds,
    p99Micros: quantile(micros, 0.99),
    curve,
  };
}

/** Comparators that need no policy: uniform random, every single arm, and the per-row oracle (expected values). */
export function comparators(table: Table) {
  const k = table.arms.length;
  const n = table.rows;
  const perArm = new Float64Array(k);
  let oracle = 0;
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let a = 0; a < k; a++) {
      const r = table.reward[i * k + a]!;
      perArm[a]! += r;
      if (r > best) best = r;
    }
    oracle += best;
  }
  const armAverages = Array.from(perArm, (s) => s / n);
  let bestArm = 0;
  armAverages.forEach((v, a) => {
    if (v > armAverages[bestArm]!) bestArm = a;
  });
  return {
    uniform: armAverages.reduce((s, v) => s + v, 0) / k,
    armAverages,
    bestArm: { name: table.arms[bestArm]!, avgReward: armAverages[bestArm]! },
    oracle: oracle / n,
  };
}

function quantile(values: Float64Array, q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
