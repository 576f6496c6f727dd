import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../bandits/rng.js';
import type { AcquisitionModel } from './acquisition.js';
import { acquisition, acquisitionBatch, maximizeAcquisition } from './acquisition.js';
import { GaussianProcess } from './gp/gaussian-process.js';

const rng = Sfc32.fromSeed(5);
const d = 2;
const rows = Array.from({ length: 15 }, () => [rng.next(), rng.next()]);
const f = (x: readonly number[]) => (x[0]! - 0.3) ** 2 + (x[1]! - 0.7) ** 2;
const objective = new GaussianProcess(rows, rows.map(f), { lengthscales: [0.3, 0.3], signalVariance: 1, noiseVariance: 1e-6 });
const cons = new GaussianProcess(rows, rows.map((x) => x[0]! + x[1]! - 1.2), { lengthscales: [0.5, 0.5], signalVariance: 1, noiseVariance: 1e-6 });
const model: AcquisitionModel = {
  objective,
  best: objective.standardizeValue(Math.min(...rows.map(f))),
  constraints: [{ gp: cons, threshold: cons.standardizeValue(0) }],
};

describe('acquisition', () => {
  it('scores a batch exactly as point by point', () => {
    const m = 200;
    const pts = Float64Array.from({ length: m * d }, () => rng.next());
    const batch = acquisitionBatch(model, pts, m);
    for (let i = 0; i < m; i++) {
      const one = acquisition(model, pts.subarray(i * d, i * d + d), false).value;
      // Relative: deep in the tails log-EI reaches the thousands.
      expect(Math.abs(batch[i]! - one)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(one)));
    }
  });

  it('polishes to a point at least as good as every screened candidate', () => {
    const best = maximizeAcquisition(model, { rng: Sfc32.fromSeed(1), candidates: 300, polish: 3 });
    const again = Sfc32.fromSeed(1);
    const screened = Float64Array.from({ length: 300 * d }, () => again.next());
    const top = Math.max(...acquisitionBatch(model, screened, 300));
    expect(best.value).toBeGreaterThanOrEqual(top);
    expect(best.x.every((u) => u >= 0 && u <= 1)).toBe(true);
  });
});
