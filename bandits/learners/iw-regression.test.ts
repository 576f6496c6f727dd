import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../rng.js';
import { IwRegression } from './iw-regression.js';
import { RidgeArms } from './ridge-arms.js';

describe('importance-weighted regression', () => {
  it('fits each arm by ridge weighted with the capped 1/p', () => {
    const learner = new IwRegression({ arms: 2, dimensions: 2, lambda: 1, maxWeight: 8 });
    const reference = new RidgeArms(2, 2, 1);
    const data = Sfc32.fromSeed(41);
    for (let i = 0; i < 200; i++) {
      const x = [1, data.next()];
      const arm = i % 2;
      const p = arm === 0 ? 0.5 : 0.05; // 1/0.05 = 20 is capped at 8
      const r = data.next();
      learner.learn(x, arm, r, p);
      reference.learn(x, arm, r, arm === 0 ? 2 : 8);
    }
    const s = learner.scores([1, 0.3]);
    expect(s[0]).toBeCloseTo(reference.predict(0, [1, 0.3]), 12);
    expect(s[1]).toBeCloseTo(reference.predict(1, [1, 0.3]), 12);
  });

  it('recovers the mean reward of each arm under skewed logging', () => {
    const learner = new IwRegression({ arms: 2, dimensions: 2, lambda: 0.1 });
    const data = Sfc32.fromSeed(42);
    for (let i = 0; i < 4000; i++) {
      const x = [1, data.next()];
      // Arm 1 is logged mostly where x1 is large: unweighted fits would still be fine for a
      // correct linear model, so this checks the weighting does not break them.
      const p1 = x[1]! > 0.5 ? 0.8 : 0.2;
      const arm = data.next() < p1 ? 1 : 0;
      const r = (arm === 0 ? 0.2 + 0.5 * x[1]! : 0.7 - 0.3 * x[1]!) + 0.1 * (data.next() - 0.5);
      learner.learn(x, arm, r, arm === 1 ? p1 : 1 - p1);
    }
    const s = learner.scores([1, 0.5]);
    expect(s[0]).toBeCloseTo(0.45, 1);
    expect(s[1]).toBeCloseTo(0.55, 1);
  });

  it('merges, restores and validates its cap', () => {
    const make = () => new IwRegression({ arms: 2, dimensions: 1, lambda: 1 });
    const a = make();
    const b = make();
    a.learn([1], 0, 1, 0.5);
    b.learn([1], 0, 0, 0.25);
    a.merge(b.toState());
    const whole = make();
    whole.learn([1], 0, 1, 0.5);
    whole.learn([1], 0, 0, 0.25);
    expect(a.scores([1])[0]).toBeCloseTo(whole.scores([1])[0]!, 12);
    expect(IwRegression.fromState(JSON.parse(JSON.stringify(a.toState()))).scores([1])[0]).toBeCloseTo(a.scores([1])[0]!, 12);
    expect(() => new IwRegression({ arms: 1, dimensions: 1, lambda: 1, maxWeight: 0.5 })).toThrow(/maxWeight/);
  });
});
