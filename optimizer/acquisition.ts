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

/** Maximizes the acquisition: score many candidates, then polish the best few with L-BFGS. */
export function maximizeAcquisition(model: AcquisitionModel, search: AcquisitionSearch): { x: number[]; value: number } {
  const { rng, candidates = 1000, anchors = [], localPerAnchor = 100, polish = 5, polishIterations = 40 } = search;
  const d = model.objective.d;
  const pool: number[][] = [];
  for (let i = 0; i < candidates; i++) pool.push(Array.from({ length: d }, () => rng.next()));
  for (const anchor of anchors) {
    for (let i = 0; i < localPerAnchor; i++) {
      // Mixed scales: some candidates close to the anchor, some further out.
      const scale = i % 3 === 0 ? 0.1 : i % 3 === 1 ? 0.02 : 0.004;
      pool.push(anchor.map((v) => clamp01(v + scale * gaussian(rng))));
    }
  }
  const scored = pool.map((x) => ({ x, value: acquisition(model, x, false).value }));
  scored.sort((a, b) => b.value - a.value);
  const lo = new Float64Array(d);
  const hi = new Float64Array(d).fill(1);
  let best = scored[0]!;
  for (const start of scored.slice(0, polish)) {
    const result = minimizeBox(
      (x) => {
        const a = acquisition(model, x, true);
        const grad = a.grad!;
        for (let k = 0; k < d; k++) grad[k] = -grad[k]!;
        return { value: Number.isFinite(a.value) ? -a.value : Number.POSITIVE_INFINITY, grad };
      },
      start.x,
      lo,
      hi,
      { maxIter: polishIterations, gradTol: 1e-7, fTol: 1e-12 },
    );
    if (-result.value > best.value) best = { x: Array.from(result.x), value: -result.value };
  }
  return best;
}

const clamp01 = (u: number) => (u < 0 ? 0 : u > 1 ? 1 : u);
