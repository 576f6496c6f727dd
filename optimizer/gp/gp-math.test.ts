import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../../bandits/rng.js';
import { GaussianProcess } from './gaussian-process.js';
import { DEFAULT_PRIOR, negLogPrior } from './hyperprior.js';
import { cholesky, cholInverse } from './linalg.js';
import { MarginalLikelihood, negLogMarginalLikelihood } from './marginal-likelihood.js';
import { kernelMatrix } from './matern52.js';
import { DEFAULT_BOUNDS, fromTheta, toTheta } from './notation.js';
import { fitHyperparameters } from './fit-hyperparameters.js';

const rng = Sfc32.fromSeed(7);
const n = 12;
const d = 3;
const x = Float64Array.from({ length: n * d }, () => rng.next());
const y = Float64Array.from({ length: n }, (_, i) => Math.sin(6 * x[i * d]!) + x[i * d + 1]! ** 2 - 0.5);

describe('Matern-5/2 kernel', () => {
  it('matches a hand-computed value', () => {
    // Two points, ℓ = (0.5, 2), σ_f² = 1.5: r = √((0.3/0.5)² + (0.4/2)²) = √0.4.
    const { k } = kernelMatrix([0, 0, 0.3, 0.4], 2, [0.5, 2], 1.5);
    const r = Math.sqrt(0.4);
    const expected = 1.5 * (1 + Math.sqrt(5) * r + (5 / 3) * r * r) * Math.exp(-Math.sqrt(5) * r);
    expect(k[1]).toBeCloseTo(expected, 14);
    expect(k[0]).toBe(1.5);
  });

  it('is symmetric and positive semi-definite', () => {
    const { k } = kernelMatrix(x, n, [0.3, 0.7, 1.1], 2);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(k[i * n + j]).toBe(k[j * n + i]);
    const { l, jitter } = cholesky(k, n);
    expect(jitter).toBeLessThan(1e-6);
    expect(l.every(Number.isFinite)).toBe(true);
    for (let t = 0; t < 20; t++) {
      const v = Array.from({ length: n }, () => rng.next() - 0.5);
      let q = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q += v[i]! * k[i * n + j]! * v[j]!;
      expect(q).toBeGreaterThanOrEqual(-1e-12);
    }
  });
});

describe('log marginal likelihood', () => {
  it('has an analytic gradient that matches finite differences', () => {
    const theta = toTheta({ lengthscales: [0.4, 0.9, 1.7], signalVariance: 1.3, noiseVariance: 0.01 });
    const { grad } = negLogMarginalLikelihood(theta, x, y, n, d);
    for (let j = 0; j < d + 2; j++) {
      const h = 1e-5;
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[j]! += h;
      down[j]! -= h;
      const fd = (negLogMarginalLikelihood(up, x, y, n, d).value - negLogMarginalLikelihood(down, x, y, n, d).value) / (2 * h);
      expect(grad[j]).toBeCloseTo(fd, 5);
    }
  });

  it('carries no state between evaluations on the same data', () => {
    const ml = new MarginalLikelihood(x, y, n, d);
    const a = toTheta({ lengthscales: [0.4, 0.9, 1.7], signalVariance: 1.3, noiseVariance: 0.01 });
    const b = toTheta({ lengthscales: [0.05, 3, 0.2], signalVariance: 0.2, noiseVariance: 1e-7 });
    const first = ml.evaluate(a);
    ml.evaluate(b);
    const again = ml.evaluate(a);
    expect(again.value).toBe(first.value);
    expect(Array.from(again.grad)).toEqual(Array.from(first.grad));
  });

  it('fitting lowers the NLL from the default start', () => {
    const start = toTheta({ lengthscales: [0.5, 0.5, 0.5], signalVariance: 1, noiseVariance: 1e-4 });
    const before = negLogMarginalLikelihood(start, x, y, n, d).value;
    const { nll, hyper } = fitHyperparameters(x, y, n, d, { rng: Sfc32.fromSeed(1) });
    expect(nll).toBeLessThan(before);
    expect(hyper.noiseVariance).toBeGreaterThanOrEqual(DEFAULT_BOUNDS.noiseVariance[0] * (1 - 1e-9));
    for (const ls of hyper.lengthscales) expect(ls).toBeLessThanOrEqual(10 + 1e-9);
    expect(toTheta(fromTheta(toTheta(hyper), d))).toEqual(toTheta(hyper));
  });
});

describe('linear algebra', () => {
  it('inverts through the Cholesky factor', () => {
    const { k } = kernelMatrix(x, n, [0.3, 0.7, 1.1], 2);
    for (let i = 0; i < n; i++) k[i * n + i]! += 0.01;
    const inv = cholInverse(cholesky(k, n).l, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < n; q++) s += k[i * n + q]! * inv[q * n + j]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 9);
      }
    }
  });
});

describe('hyperparameter prior (MAP fit)', () => {
  it('has a gradient that matches finite differences, and the half-normal noise term is flat below its mean', () => {
    const theta = toTheta({ lengthscales: [0.2, 1.5, 4], signalVariance: 2, noiseVariance: 0.3 });
    const grad = new Float64Array(d + 2);
    negLogPrior(theta, d, DEFAULT_PRIOR, grad);
    for (let j = 0; j < d + 2; j++) {
      const h = 1e-6;
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[j]! += h;
      down[j]! -= h;
      const fd = (negLogPrior(up, d, DEFAULT_PRIOR, new Float64Array(d + 2)) - negLogPrior(down, d, DEFAULT_PRIOR, new Float64Array(d + 2))) / (2 * h);
      expect(grad[j]).toBeCloseTo(fd, 6);
    }
    const quiet = toTheta({ lengthscales: [0.5, 0.5, 0.5], signalVariance: 1, noiseVariance: 1e-8 });
    expect(negLogPrior(quiet, d, DEFAULT_PRIOR, new Float64Array(d + 2))).toBe(0);
  });

  it('keeps a dimension the few observations barely vary along from being declared irrelevant', () => {
    // A bump in (x1, x2) sampled at 10 points: maximum likelihood sends ℓ_3 to its upper bound,
    // which would make the GP ignore x3 entirely; the prior keeps it within the cube's scale.
    const m = 10;
    const r = Sfc32.fromSeed(11);
    const xs = Float64Array.from({ length: m * d }, () => r.next());
    const raw = Array.from({ length: m }, (_, i) => -Math.exp(-8 * ((xs[i * d]! - 0.4) ** 2 + (xs[i * d + 1]! - 0.6) ** 2)));
    const mean = raw.reduce((s, v) => s + v, 0) / m;
    const sd = Math.sqrt(raw.reduce((s, v) => s + (v - mean) ** 2, 0) / m);
    const ys = Float64Array.from(raw, (v) => (v - mean) / sd);
    const ml = fitHyperparameters(xs, ys, m, d, { rng: Sfc32.fromSeed(2), restarts: 4 }).hyper;
    const map = fitHyperparameters(xs, ys, m, d, { rng: Sfc32.fromSeed(2), restarts: 4, prior: DEFAULT_PRIOR }).hyper;
    expect(ml.lengthscales[2]).toBeGreaterThan(9);
    expect(map.lengthscales[2]).toBeLessThan(3);
    expect(map.lengthscales[0]).toBeLessThan(0.5);
  });
});

describe('GP posterior', () => {
  const rows = Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * d, i * d + d)));
  const values = Array.from(y, (v) => 10 * v + 3);
  const gp = new GaussianProcess(rows, values, { lengthscales: [0.5, 0.5, 0.5], signalVariance: 1, noiseVariance: 1e-8 });

  it('interpolates noiseless data with near-zero variance there', () => {
    rows.forEach((row, i) => {
      const p = gp.predictRaw(row);
      expect(p.mean).toBeCloseTo(values[i]!, 3);
      expect(p.std).toBeLessThan(1e-2);
    });
    expect(gp.predictRaw([0.5, 0.5, 5]).std).toBeGreaterThan(1);
  });

  it('predicts a batch exactly as point by point', () => {
    const m = 150;
    const pts = Float64Array.from({ length: m * d }, () => rng.next() * 1.2 - 0.1);
    const batch = gp.predictBatch(pts, m);
    for (let i = 0; i < m; i++) {
      const p = gp.predict(pts.subarray(i * d, i * d + d));
      expect(batch.mean[i]).toBeCloseTo(p.mean, 12);
      expect(batch.variance[i]).toBeCloseTo(p.variance, 12);
    }
  });

  it('has mean and variance gradients that match finite differences', () => {
    const q = [0.31, 0.62, 0.17];
    const p = gp.predict(q, true);
    for (let k = 0; k < d; k++) {
      const h = 1e-6;
      const up = [...q];
      const down = [...q];
      up[k]! += h;
      down[k]! -= h;
      expect(p.meanGrad![k]).toBeCloseTo((gp.predict(up).mean - gp.predict(down).mean) / (2 * h), 4);
      expect(p.varianceGrad![k]).toBeCloseTo((gp.predict(up).variance - gp.predict(down).variance) / (2 * h), 4);
    }
  });
});
