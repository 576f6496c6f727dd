/**
 * Constrained log expected improvement and its maximization over the unit cube.
 *   a(x) = log EI(x) + Σ_k log P(c_k(x) ≤ 0)
 * with one GP for the objective and one per constraint (symbols: gp/notation.ts). When nothing
 * observed so far is feasible there is no incumbent, and a(x) = Σ_k log P(c_k(x) ≤ 0) alone
 * steers towards feasibility first.
 */
import type { Rng } from '../bandits/rng.js';
import { gaussian } from '../bandits/rng.js';
import { minimizeBox } from './gp/box-lbfgs.js';
import type { GaussianProcess } from './gp/gaussian-process.js';
import { logH, logNormalCdf } from './log-ei.js';

export interface AcquisitionModel {
  objective: GaussianProcess;
  /** Incumbent (best feasible loss), standardized in the objective GP's units; undefined if none. */
  best: number | undefined;
  /** Constraint GPs with the threshold 0 standardized into each GP's units. */
  constraints: { gp: GaussianProcess; threshold: number }[];
}

export function acquisition(model: AcquisitionModel, x: ArrayLike<number>, withGrad: boolean): { value: number; grad?: Float64Array } {
  const d = model.objective.d;
  const grad = withGrad ? new Float64Array(d) : undefined;
  let value = 0;
  if (model.best !== undefined) {
    const p = model.objective.predict(x, withGrad);
    const s = Math.sqrt(p.variance);
    const z = (model.best - p.mean) / s;
    const lh = logH(z);
    value += Math.log(s) + lh.value;
    if (grad) addGaussianTermGrad(grad, p.meanGrad!, p.varianceGrad!, s, z, lh.dz, true);
  }
  for (const c of model.constraints) {
    const p = c.gp.predict(x, withGrad);
    const s = Math.sqrt(p.variance);
    const z = (c.threshold - p.mean) / s;
    const lp = logNormalCdf(z);
    value += lp.value;
    if (grad) addGaussianTermGrad(grad, p.meanGrad!, p.varianceGrad!, s, z, lp.dz, false);
  }
  return grad ? { value, grad } : { value };
}

/** a(x) at m points (row-major m×d) through the GPs' batched predictions; no gradients. */
export function acquisitionBatch(model: AcquisitionModel, xs: Float64Array, m: number): Float64Array {
  const values = new Float64Array(m);
  if (model.best !== undefined) {
    const p = model.objective.predictBatch(xs, m);
    for (let i = 0; i < m; i++) {
      const s = Math.sqrt(p.variance[i]!);
      values[i] = Math.log(s) + logH((model.best - p.mean[i]!) / s).value;
    }
  }
  for (const c of model.constraints) {
    const p = c.gp.predictBatch(xs, m);
    for (let i = 0; i < m; i++) values[i]! += logNormalCdf((c.threshold - p.mean[i]!) / Math.sqrt(p.variance[i]!)).value;
  }
  return values;
}

/** Adds ∂/∂x of [log s] (when withLogS) + f(z), z = (t − μ)/s, given df/dz. */
function addGaussianTermGrad(grad: Float64Array, dMean: Float64Array, dVar: Float64Array, s: number, z: number, dfdz: number, withLogS: boolean): void {
  for (let k = 0; k < grad.length; k++) {
    const ds = dVar[k]! / (2 * s);
    const dz = (-dMean[k]! - z * ds) / s;
    grad[k]! += dfdz * dz + (withLogS ? ds / s : 0);
  }
}

export interface AcquisitionSearch {
  rng: Rng;
  /** Uniform candidates scored without gradients. */
  candidates?: number;
  /** Points to perturb locally (e.g. the best observations): where improvements usually are. */
  anchors?: readonly (readonly number[])[];
  localPerAnchor?: number;
  /** How many of the best candidates get a gradient polish. */
  polish?: number;
  polishIterations?: number;
}

/**
 * Maximizes the acquisition: score many candidates (a flat m×d buffer, no per-point objects),
 * keep the best few, polish each with L-BFGS.
 */
export function maximizeAcquisition(model: AcquisitionModel, search: AcquisitionSearch): { x: number[]; value: number } {
  const { rng, candidates = 1000, anchors = [], localPerAnchor = 100, polish = 5, polishIterations = 40 } = search;
  const d = model.objective.d;
  const m = candidates + anchors.length * localPerAnchor;
  const pool = new Float64Array(m * d);
  for (let i = 0; i < candidates * d; i++) pool[i] = rng.next();
  let at = candidates * d;
  for (const anchor of anchors) {
    for (let i = 0; i < localPerAnchor; i++) {
      // Mixed scales: some candidates close to the anchor, some further out.
      const scale = i % 3 === 0 ? 0.1 : i % 3 === 1 ? 0.02 : 0.004;
      for (let k = 0; k < d; k++) pool[at++] = clamp01(anchor[k]! + scale * gaussian(rng));
    }
  }
  // Top `polish` candidates by value, kept sorted best first (polish is small).
  const top: { index: number; value: number }[] = [];
  const values = acquisitionBatch(model, pool, m);
  for (let i = 0; i < m; i++) {
    const value = values[i]!;
    if (top.length === polish && !(value > top[top.length - 1]!.value)) continue;
    let j = Math.min(top.length, polish - 1);
    while (j > 0 && top[j - 1]!.value < value) j--;
    top.splice(j, 0, { index: i, value });
    if (top.length > polish) top.pop();
  }
  const lo = new Float64Array(d);
  const hi = new Float64Array(d).fill(1);
  const first = top[0] ?? { index: 0, value: Number.NEGATIVE_INFINITY };
  let best = { x: Array.from(pool.subarray(first.index * d, first.index * d + d)), value: first.value };
  for (const start of top) {
    const result = minimizeBox(
      (x) => {
        const a = acquisition(model, x, true);
        const grad = a.grad!;
        for (let k = 0; k < d; k++) grad[k] = -grad[k]!;
        return { value: Number.isFinite(a.value) ? -a.value : Number.POSITIVE_INFINITY, grad };
      },
      pool.subarray(start.index * d, start.index * d + d),
      lo,
      hi,
      { maxIter: polishIterations, gradTol: 1e-7, fTol: 1e-12 },
    );
    if (-result.value > best.value) best = { x: Array.from(result.x), value: -result.value };
  }
  return best;
}

const clamp01 = (u: number) => (u < 0 ? 0 : u > 1 ? 1 : u);
