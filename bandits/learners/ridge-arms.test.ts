import { describe, expect, it } from 'vitest';
import { invertSpd, matVec } from '../linalg.js';
import { Sfc32 } from '../rng.js';
import { RidgeArms } from './ridge-arms.js';

/** θ = (λI + Σ w x xᵀ)⁻¹ Σ w y x, solved from scratch. */
function batchTheta(rows: { x: number[]; y: number; w: number }[], d: number, lambda: number): Float64Array {
  const a = new Float64Array(d * d);
  const b = new Float64Array(d);
  for (let i = 0; i < d; i++) a[i * d + i] = lambda;
  for (const { x, y, w } of rows) {
    for (let i = 0; i < d; i++) {
      b[i]! += w * y * x[i]!;
      for (let j = 0; j < d; j++) a[i * d + j]! += w * x[i]! * x[j]!;
    }
  }
  return matVec(invertSpd(a, d), b, d, new Float64Array(d));
}

describe('RidgeArms', () => {
  it('keeps weighted Sherman–Morrison updates equal to the batch solution', () => {
    const data = Sfc32.fromSeed(21);
    const ridge = new RidgeArms(1, 3, 0.5);
    const rows = [];
    for (let i = 0; i < 300; i++) {
      const row = { x: [1, data.next(), 2 * data.next() - 1], y: data.next(), w: 1 + 20 * data.next() };
      rows.push(row);
      ridge.learn(row.x, 0, row.y, row.w);
    }
    const expected = batchTheta(rows, 3, 0.5);
    Array.from(expected).forEach((v, i) => expect(ridge.theta[0]![i]).toBeCloseTo(v, 10));
  });

  it('adds another copy’s sums', () => {
    const a = new RidgeArms(2, 2, 1);
    const b = new RidgeArms(2, 2, 1);
    const whole = new RidgeArms(2, 2, 1);
    const data = Sfc32.fromSeed(22);
    for (let i = 0; i < 60; i++) {
      const x = [1, data.next()];
      const y = data.next();
      (i % 3 === 0 ? a : b).learn(x, i % 2, y, 2);
      whole.learn(x, i % 2, y, 2);
    }
    a.add(b.stats());
    expect(a.stats().counts).toEqual(whole.stats().counts);
    for (const arm of [0, 1]) expect(a.predict(arm, [1, 0.3])).toBeCloseTo(whole.predict(arm, [1, 0.3]), 12);
  });

  it('saves full symmetric matrices although it updates one triangle', () => {
    const ridge = new RidgeArms(1, 3, 1);
    ridge.learn([1, 2, 3], 0, 1, 2);
    ridge.learn([0, 1, -1], 0, 0.5, 1);
    expect(ridge.stats().xtx[0]).toEqual([2, 4, 6, 4, 9, 11, 6, 11, 19]);
    const copy = new RidgeArms(1, 3, 1, JSON.parse(JSON.stringify(ridge.stats())));
    expect(copy.predict(0, [1, 1, 1])).toBeCloseTo(ridge.predict(0, [1, 1, 1]), 12);
    expect(copy.variance(0, [1, -2, 1])).toBeCloseTo(ridge.variance(0, [1, -2, 1]), 12);
  });

  it('rejects bad shapes and priors', () => {
    expect(() => new RidgeArms(0, 2, 1)).toThrow(/arms/);
    expect(() => new RidgeArms(1, 0, 1)).toThrow(/dimensions/);
    expect(() => new RidgeArms(1, 2, -1)).toThrow(/lambda/);
  });
});
