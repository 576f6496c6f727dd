import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../rng.js';
import { DrRegression } from './dr-regression.js';

describe('doubly-robust regression', () => {
  it('moves only the played arm’s prediction, by the importance-weighted residual', () => {
    const learner = new DrRegression({ arms: 3, dimensions: 1, lambda: 1 });
    learner.learn([1], 0, 0.6, 1);
    learner.learn([1], 1, 0.2, 1);
    const before = learner.scores([1]);
    learner.learn([1], 2, 0.5, 0.25);
    const after = learner.scores([1]);
    expect(after[0]).toBeCloseTo(before[0]!, 14);
    expect(after[1]).toBeCloseTo(before[1]!, 14);
    // Arm 2: prediction 0 and A = λ + 2 rows of unplayed updates = 3; target 0 + 4·(0.5 − 0) = 2,
    // so θ = 2 / (3 + 1).
    expect(after[2]).toBeCloseTo(0.5, 14);
  });

  it('learns each arm’s mean reward from explored traffic', () => {
    const learner = new DrRegression({ arms: 2, dimensions: 2, lambda: 1 });
    const data = Sfc32.fromSeed(51);
    for (let i = 0; i < 6000; i++) {
      const x = [1, data.next()];
      const arm = data.next() < 0.3 ? 1 : 0;
      const r = (arm === 0 ? 0.3 + 0.2 * x[1]! : 0.6 - 0.2 * x[1]!) + 0.1 * (data.next() - 0.5);
      learner.learn(x, arm, r, arm === 1 ? 0.3 : 0.7);
    }
    const s = learner.scores([1, 0.5]);
    expect(s[0]).toBeCloseTo(0.4, 1);
    expect(s[1]).toBeCloseTo(0.5, 1);
  });

  it('is not mergeable but restores from its state', () => {
    const learner = new DrRegression({ arms: 2, dimensions: 2, lambda: 1, maxWeight: 10 });
    expect('merge' in learner).toBe(false);
    learner.learn([1, 0.5], 1, 0.8, 0.05);
    const copy = DrRegression.fromState(JSON.parse(JSON.stringify(learner.toState())));
    expect(copy.maxWeight).toBe(10);
    const a = learner.scores([1, 0.2]);
    copy.scores([1, 0.2]).forEach((v, i) => expect(v).toBeCloseTo(a[i]!, 12));
  });
});
