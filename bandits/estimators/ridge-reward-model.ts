import { invertSpd } from '../linalg.js';
import type { LoggedDecision } from './logged-decision.js';
import type { CrossFittedRewardModel, RewardModel } from './reward-model.js';

export interface RidgeRewardModelOptions {
  /** Number of arms the model must answer for; default: highest logged arm + 1. */
  arms?: number;
  /** Ridge strength λ on every coefficient, intercept included; default 1. */
  lambda?: number;
}

export interface CrossFitOptions extends RidgeRewardModelOptions {
  /** K: the model used on fold k is fitted on the other K − 1 folds; 1 fits in-sample. Default 2. */
  folds?: number;
}

/**
 * Per-arm sufficient statistics over features z = [1, x]: Σ z zᵀ and Σ r z per arm, plus the
 * reward sum and count over all arms. They add and subtract, so the K training sets of
 * cross-fitting come from one pass: (all rows) − (fold k).
 */
interface Stats {
  zz: Float64Array[];
  zr: Float64Array[];
  rewardSum: number;
  count: number;
}

function emptyStats(arms: number, p: number): Stats {
  return {
    zz: Array.from({ length: arms }, () => new Float64Array(p * p)),
    zr: Array.from({ length: arms }, () => new Float64Array(p)),
    rewardSum: 0,
    count: 0,
  };
}

function accumulate(stats: Stats, row: LoggedDecision, d: number): void {
  const p = d + 1;
  const zz = stats.zz[row.arm]!;
  const zr = stats.zr[row.arm]!;
  for (let i = 0; i < p; i++) {
    const zi = i === 0 ? 1 : row.x[i - 1]!;
    zr[i]! += zi * row.reward;
    for (let j = 0; j < p; j++) zz[i * p + j]! += zi * (j === 0 ? 1 : row.x[j - 1]!);
  }
  stats.rewardSum += row.reward;
  stats.count++;
}

function subtract(a: Stats, b: Stats): Stats {
  const minus = (x: Float64Array, y: Float64Array) => x.map((v, i) => v - y[i]!);
  return {
    zz: a.zz.map((m, k) => minus(m, b.zz[k]!)),
    zr: a.zr.map((v, k) => minus(v, b.zr[k]!)),
    rewardSum: a.rewardSum - b.rewardSum,
    count: a.count - b.count,
  };
}

/**
 * Ridge on rewards centred at the training mean, so arms with few rows shrink toward the
 * average logged reward rather than toward an arbitrary zero.
 */
function solve(stats: Stats, d: number, lambda: number): RewardModel {
  const p = d + 1;
  const mean = stats.count > 0 ? stats.rewardSum / stats.count : 0;
  const thetas = stats.zz.map((zz, arm) => {
    const a = Float64Array.from(zz);
    for (let i = 0; i < p; i++) a[i * p + i]! += lambda;
    // Σ z (r − r̄) = Σ z r − r̄ Σ z, and Σ z is the first column of Σ z zᵀ because z₀ = 1.
    const b = stats.zr[arm]!.map((v, i) => v - mean * zz[i * p]!);
    const inv = invertSpd(a, p);
    const theta = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += inv[i * p + j]! * b[j]!;
      theta[i] = s;
    }
    return theta;
  });
  return (x, arm) => {
    const theta = thetas[arm];
    if (!theta) throw new RangeError(`reward model has ${thetas.length} arms, asked for arm ${arm}`);
    if (x.length !== d) throw new RangeError(`reward model expects ${d} features, got ${x.length}`);
    let s = mean + theta[0]!;
    for (let j = 0; j < d; j++) s += theta[j + 1]! * x[j]!;
    return s;
  };
}

function shape(logs: readonly LoggedDecision[], options: RidgeRewardModelOptions): { arms: number; d: number; lambda: number } {
  if (logs.length === 0) throw new RangeError('cannot fit a reward model on empty logs');
  const lambda = options.lambda ?? 1;
  if (!(lambda > 0)) throw new RangeError(`lambda must be > 0, got ${lambda}`);
  const d = logs[0]!.x.length;
  let maxArm = 0;
  for (let i = 0; i < logs.length; i++) {
    if (logs[i]!.x.length !== d) throw new RangeError(`row ${i}: context has ${logs[i]!.x.length} features, row 0 has ${d}`);
    maxArm = Math.max(maxArm, logs[i]!.arm);
  }
  const arms = options.arms ?? maxArm + 1;
  if (maxArm >= arms) throw new RangeError(`logged arm ${maxArm} is outside the reward model's ${arms} arms`);
  return { arms, d, lambda };
}

/** One ridge regression per arm, x → reward, on the rows that played that arm. Expects validated logs. */
export function fitRidgeRewardModel(logs: readonly LoggedDecision[], options: RidgeRewardModelOptions = {}): RewardModel {
  const { arms, d, lambda } = shape(logs, options);
  const stats = emptyStats(arms, d + 1);
  for (const row of logs) accumulate(stats, row, d);
  return solve(stats, d, lambda);
}

/**
 * The same per-arm ridge, cross-fitted: rows are dealt to K folds round-robin (interleaved,
 * so drift over the log's time order spreads across folds) and row i is predicted by the model
 * fitted without its fold. A fold with no training rows predicts 0, which reduces DR to IPS there.
 */
export function crossFitRidgeRewardModel(logs: readonly LoggedDecision[], options: CrossFitOptions = {}): CrossFittedRewardModel {
  const { arms, d, lambda } = shape(logs, options);
  const folds = options.folds ?? 2;
  if (!(Number.isInteger(folds) && folds >= 1)) throw new RangeError(`folds must be an integer >= 1, got ${folds}`);
  if (folds === 1) {
    const model = fitRidgeRewardModel(logs, options);
    return { folds, modelForRow: () => model };
  }
  const total = emptyStats(arms, d + 1);
  const perFold = Array.from({ length: folds }, () => emptyStats(arms, d + 1));
  logs.forEach((row, i) => {
    accumulate(total, row, d);
    accumulate(perFold[i % folds]!, row, d);
  });
  const models = perFold.map((held) => solve(subtract(total, held), d, lambda));
  return { folds, modelForRow: (row) => models[row % folds]! };
}
