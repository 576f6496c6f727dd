/**
 * Bayesian optimization: max(5, 2d) scrambled-Halton points, then each proposal maximizes
 * constrained log-EI under Matern-5/2 GPs (one for the loss, one per constraint) whose
 * hyperparameters are MAP estimates under ../gp/hyperprior.ts. Fitting is the expensive part, so
 * it is budgeted: a full fit (warm start plus the best of the default and `restarts` prior draws)
 * while n ≤ `fullRefitUntil` and every `fullRefitEvery` observations after that, and in between
 * one short L-BFGS run from the previous optimum, which moves little when one point is added.
 * Every random choice comes from the seeded generator, so proposals are deterministic.
 */
import type { Rng } from '../../bandits/rng.js';
import { Sfc32 } from '../../bandits/rng.js';
import type { AcquisitionModel } from '../acquisition.js';
import { maximizeAcquisition } from '../acquisition.js';
import { fitHyperparameters } from '../gp/fit-hyperparameters.js';
import { GaussianProcess, standardize } from '../gp/gaussian-process.js';
import type { HyperPrior } from '../gp/hyperprior.js';
import { DEFAULT_PRIOR } from '../gp/hyperprior.js';
import type { GpHyperparameters } from '../gp/notation.js';
import { ScrambledHalton } from '../halton.js';
import type { Sampler, SamplerContext } from './sampler.js';

export interface GpEiOptions {
  seed: number;
  /** Quasi-random trials before the GP takes over; default max(5, 2d). */
  initialTrials?: number;
  /** Uniform candidates screened per acquisition maximization. */
  candidates?: number;
  /** Candidates around each of the best observations. */
  localCandidates?: number;
  /** Best observations used as anchors for local candidates. */
  anchors?: number;
  /** Best candidates polished by L-BFGS. */
  polish?: number;
  /** Full multi-start fits while n ≤ this, then every `fullRefitEvery` observations. */
  fullRefitUntil?: number;
  fullRefitEvery?: number;
  /** Random starts (drawn from the prior) screened in a full fit, besides the warm and default starts. */
  restarts?: number;
  /** How many of the screened starts get an L-BFGS run in a full fit (the warm start always does). */
  fitRuns?: number;
  /**
   * Required improvement ξ, in units of the loss's standard deviation: EI asks for f < f* − ξ.
   * Without it a confident GP can rank re-measuring the incumbent above any new point.
   */
  xi?: number;
  /** Hyperparameter prior; null for a plain maximum-likelihood fit. */
  prior?: HyperPrior | null;
}

export class GpEiSampler implements Sampler {
  readonly name = 'gp-ei';
  private readonly rng: Rng;
  private halton: ScrambledHalton | undefined;
  /** Last fitted hyperparameters: index 0 the loss, then one per constraint. */
  private hypers: GpHyperparameters[] = [];

  constructor(private readonly options: GpEiOptions) {
    this.rng = Sfc32.fromSeed(options.seed);
  }

  propose(context: SamplerContext): number[] {
    const { dim, observations } = context;
    const initial = this.options.initialTrials ?? Math.max(5, 2 * dim);
    if (observations.length < initial || observations.length < 2) {
      if (!this.halton || this.halton.dim !== dim) this.halton = new ScrambledHalton(dim, Sfc32.fromSeed(this.options.seed ^ 0x5bd1e995));
      return this.halton.point(context.trialCount);
    }
    const n = observations.length;
    const full = n <= (this.options.fullRefitUntil ?? 20) || n % (this.options.fullRefitEvery ?? 5) === 0;
    const feasible = observations.filter((o) => (o.constraints ?? []).every((c) => c <= 0));
    const bestLoss = feasible.length > 0 ? Math.min(...feasible.map((o) => o.loss)) : undefined;

    // Pending points join as if they had returned the incumbent ("constant liar"), so parallel
    // asks spread out instead of proposing the same point twice.
    const liar = bestLoss ?? Math.min(...observations.map((o) => o.loss));
    const xs = [...observations.map((o) => o.x), ...context.pending];
    const losses = [...observations.map((o) => o.loss), ...context.pending.map(() => liar)];
    const objective = this.fitModel(0, xs, losses, dim, full);
    const nConstraints = observations[0]!.constraints?.length ?? 0;
    const constraints: AcquisitionModel['constraints'] = [];
    for (let k = 0; k < nConstraints; k++) {
      const cx = observations.map((o) => o.x);
      const cy = observations.map((o) => o.constraints?.[k] ?? 0);
      const gp = this.fitModel(k + 1, cx, cy, dim, full);
      constraints.push({ gp, threshold: gp.standardizeValue(0) });
    }
    const ranked = [...(feasible.length > 0 ? feasible : observations)].sort((a, b) => a.loss - b.loss);
    const incumbent = bestLoss === undefined ? undefined : objective.standardizeValue(bestLoss);
    // Plain EI (ξ = 0) converges finely, but a GP that is confident everywhere can rank
    // re-measuring the incumbent above any new point; then ask for a real improvement instead.
    let x: number[] = [];
    for (const xi of [this.options.xi ?? 0, 0.01, 0.1]) {
      const model: AcquisitionModel = { objective, best: incumbent === undefined ? undefined : incumbent - xi, constraints };
      x = context.snap(
        maximizeAcquisition(model, {
          rng: this.rng,
          candidates: this.options.candidates ?? 1000,
          anchors: ranked.slice(0, this.options.anchors ?? 3).map((o) => o.x),
          localPerAnchor: this.options.localCandidates ?? 100,
          polish: this.options.polish ?? 5,
        }).x,
      );
      if (!xs.some((o) => nearlyEqual(o, x))) break;
    }
    return x;
  }

  private fitModel(index: number, xs: readonly (readonly number[])[], ys: readonly number[], dim: number, full: boolean): GaussianProcess {
    const std = standardize(xs, ys, dim);
    const warm = this.hypers[index];
    const prior = this.options.prior === undefined ? DEFAULT_PRIOR : this.options.prior;
    const { hyper } = fitHyperparameters(std.x, std.y, xs.length, dim, {
      rng: this.rng,
      restarts: full ? (this.options.restarts ?? 8) : 0,
      runs: this.options.fitRuns ?? 1,
      maxIter: full ? 40 : 30,
      warmStart: warm,
      warmOnly: !full && warm !== undefined,
      ...(prior ? { prior } : {}),
    });
    this.hypers[index] = hyper;
    return new GaussianProcess(xs, ys, hyper);
  }
}

/** Within 1e-3 in every coordinate of the unit cube counts as re-measuring the same point. */
function nearlyEqual(a: readonly number[], b: readonly number[]): boolean {
  return a.every((v, k) => Math.abs(v - b[k]!) < 1e-3);
}

