import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../rng.js';
import { LinUcb } from './linucb.js';

const rng = Sfc32.fromSeed(1);

describe('LinUCB', () => {
  it('recovers each arm’s linear reward model', () => {
    const learner = new LinUcb({ arms: 2, dimensions: 2, alpha: 0, lambda: 0.01 });
    const data = Sfc32.fromSeed(3);
    for (let i = 0; i < 400; i++) {
      const x = [1, data.next()];
      learner.learn(x, 0, 0.2 + 0.5 * x[1]!, 1);
      learner.learn(x, 1, 0.9 - 0.5 * x[1]!, 1);
    }
    const [a0, a1] = learner.scores([1, 0.8], rng);
    expect(a0).toBeCloseTo(0.6, 3);
    expect(a1).toBeCloseTo(0.5, 3);
  });

  it('gives unexplored arms the widest bonus', () => {
    const learner = new LinUcb({ arms: 3, dimensions: 2, alpha: 1, lambda: 1 });
    for (let i = 0; i < 50; i++) learner.learn([1, 0.5], 0, 0.5, 1);
    const s = learner.scores([1, 0.5], rng);
    expect(s[1]).toBeGreaterThan(s[0]!);
    expect(s[1]).toBeCloseTo(Math.sqrt(1.25), 6); // x'x / λ with no data
  });

  it('keeps the Sherman–Morrison inverse equal to a fresh inversion', () => {
    const learner = new LinUcb({ arms: 1, dimensions: 3, alpha: 0.7, lambda: 2 });
    const data = Sfc32.fromSeed(9);
    for (let i = 0; i < 200; i++) learner.learn([1, data.next(), data.next() * 2 - 1], 0, data.next(), 1);
    const restored = LinUcb.fromState(learner.toState());
    const x = [1, 0.3, -0.4];
    expect(Array.from(restored.scores(x, rng))[0]).toBeCloseTo(learner.scores(x, rng)[0]!, 10);
  });

  it('merges two halves into exactly one pass', () => {
    const make = () => new LinUcb({ arms: 2, dimensions: 2, alpha: 0.5, lambda: 1 });
    const whole = make();
    const first = make();
    const second = make();
    const data = Sfc32.fromSeed(5);
    for (let i = 0; i < 100; i++) {
      const x = [1, data.next()];
      const arm = i % 2;
      const r = data.next();
      whole.learn(x, arm, r, 0.5);
      (i < 50 ? first : second).learn(x, arm, r, 0.5);
    }
    first.merge(second.toState());
    const x = [1, 0.42];
    const a = Array.from(whole.scores(x, rng));
    const b = Array.from(first.scores(x, rng));
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 10));
  });

  it('rejects a non-positive ridge prior', () => {
    expect(() => new LinUcb({ arms: 1, dimensions: 1, alpha: 1, lambda: 0 })).toThrow(/lambda/);
  });
});
