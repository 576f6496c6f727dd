import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../rng.js';
import { LinearTs } from './linear-ts.js';
import { LinUcb } from './linucb.js';

function train(learners: { learn(x: number[], arm: number, r: number, p: number): void }[]): void {
  const data = Sfc32.fromSeed(31);
  for (let i = 0; i < 200; i++) {
    const x = [1, data.next()];
    const arm = i % 3;
    const r = 0.3 + 0.4 * x[1]! * (arm === 1 ? 1 : -1) + 0.1 * data.next();
    for (const l of learners) l.learn(x, arm, r, 1 / 3);
  }
}

describe('linear Thompson sampling', () => {
  it('samples each score around the ridge mean with sd v·√(xᵀA⁻¹x)', () => {
    const ts = new LinearTs({ arms: 3, dimensions: 2, v: 0.5, lambda: 1 });
    const mean = new LinUcb({ arms: 3, dimensions: 2, alpha: 0, lambda: 1 });
    const width = new LinUcb({ arms: 3, dimensions: 2, alpha: 1, lambda: 1 });
    train([ts, mean, width]);
    const x = [1, 0.7];
    const mu = mean.scores(x);
    const sd = Array.from(width.scores(x), (v, a) => 0.5 * (v - mu[a]!));
    const rng = Sfc32.fromSeed(32);
    const n = 20_000;
    const sum = [0, 0, 0];
    const sq = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      ts.scores(x, rng).forEach((v, a) => {
        sum[a]! += v;
        sq[a]! += v * v;
      });
    }
    for (let a = 0; a < 3; a++) {
      const m = sum[a]! / n;
      const s = Math.sqrt(sq[a]! / n - m * m);
      expect(Math.abs(m - mu[a]!)).toBeLessThan((5 * sd[a]!) / Math.sqrt(n));
      expect(s / sd[a]!).toBeCloseTo(1, 1);
    }
  });

  it('reduces to the ridge prediction when v = 0', () => {
    const ts = new LinearTs({ arms: 3, dimensions: 2, v: 0, lambda: 1 });
    const mean = new LinUcb({ arms: 3, dimensions: 2, alpha: 0, lambda: 1 });
    train([ts, mean]);
    expect(Array.from(ts.scores([1, 0.2], Sfc32.fromSeed(1)))).toEqual(Array.from(mean.scores([1, 0.2])));
  });

  it('merges two halves into exactly one pass and refuses other kinds', () => {
    const make = () => new LinearTs({ arms: 2, dimensions: 2, v: 1, lambda: 1 });
    const whole = make();
    const first = make();
    const second = make();
    const data = Sfc32.fromSeed(33);
    for (let i = 0; i < 100; i++) {
      const x = [1, data.next()];
      const r = data.next();
      whole.learn(x, i % 2, r, 0.5);
      (i < 50 ? first : second).learn(x, i % 2, r, 0.5);
    }
    first.merge(second.toState());
    const a = first.scores([1, 0.4], Sfc32.fromSeed(9));
    whole.scores([1, 0.4], Sfc32.fromSeed(9)).forEach((v, i) => expect(a[i]).toBeCloseTo(v, 10));
    const linucb = new LinUcb({ arms: 2, dimensions: 2, alpha: 1, lambda: 1 });
    expect(() => first.merge(linucb.toState())).toThrow(/cannot merge/);
  });
});
