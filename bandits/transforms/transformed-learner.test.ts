import { describe, expect, it } from 'vitest';
import { LinUcb } from '../learners/linucb.js';
import { restoreTransform, REGISTRY } from '../registry.js';
import { Sfc32 } from '../rng.js';
import { OnlineStandardizer } from './online-standardizer.js';
import { pairwiseInteractions } from './pairwise-interactions.js';
import { TransformedLearner, type TransformedLearnerState } from './transformed-learner.js';

const rng = Sfc32.fromSeed(1);

describe('transformed learner', () => {
  it('hands the inner learner the transformed context', () => {
    const inner = new LinUcb({ arms: 2, dimensions: 6, alpha: 0, lambda: 1 });
    const reference = new LinUcb({ arms: 2, dimensions: 6, alpha: 0, lambda: 1 });
    const t = pairwiseInteractions(3, { excludeBias: true });
    const learner = new TransformedLearner(inner, [t]);
    expect(learner.dimensions).toBe(3);
    const data = Sfc32.fromSeed(81);
    for (let i = 0; i < 50; i++) {
      const x = [1, data.next(), data.next()];
      const r = x[1]! * x[2]!;
      learner.learn(x, i % 2, r, 0.5);
      reference.learn(t.apply(x, new Float64Array(6)), i % 2, r, 0.5);
    }
    const x = [1, 0.3, 0.8];
    expect(Array.from(learner.scores(x, rng))).toEqual(Array.from(reference.scores(t.apply(x, new Float64Array(6)))));
  });

  it('updates the standardizer in learn(), never in scores()', () => {
    const s = new OnlineStandardizer(2, { passthrough: [0] });
    const learner = new TransformedLearner(new LinUcb({ arms: 2, dimensions: 2, alpha: 1, lambda: 1 }), [s]);
    for (let i = 0; i < 10; i++) learner.scores([1, i], rng);
    expect(s.observed).toBe(0);
    learner.learn([1, 5], 0, 1, 1);
    learner.learn([1, 7], 1, 0, 1);
    expect(s.observed).toBe(2);
    const before = Array.from(learner.scores([1, 6], rng));
    expect(Array.from(learner.scores([1, 6], rng))).toEqual(before);
  });

  it('is mergeable only without stateful transforms', () => {
    const make = (stateful: boolean) =>
      new TransformedLearner(
        new LinUcb({ arms: 2, dimensions: 2 + 1, alpha: 1, lambda: 1 }),
        stateful ? [new OnlineStandardizer(2, { passthrough: [0] }), pairwiseInteractions(2, { excludeBias: true })] : [pairwiseInteractions(2, { excludeBias: true })],
      );
    expect(typeof make(false).merge).toBe('function');
    expect(make(true).merge).toBeUndefined();
    const a = make(false);
    const b = make(false);
    b.learn([1, 0.5], 0, 1, 1);
    a.merge!(b.toState());
    expect(Array.from(a.scores([1, 0.5], rng))).toEqual(Array.from(b.scores([1, 0.5], rng)));
    const other = new TransformedLearner(new LinUcb({ arms: 2, dimensions: 5, alpha: 1, lambda: 1 }), [pairwiseInteractions(2)]);
    expect(() => a.merge!(other.toState())).toThrow(/different transforms/);
  });

  it('restores through the registry, inner learner and transforms included', () => {
    const learner = new TransformedLearner(new LinUcb({ arms: 2, dimensions: 5, alpha: 1, lambda: 1 }), [
      new OnlineStandardizer(2, { passthrough: [0], freezeAfter: 2 }),
      pairwiseInteractions(2),
    ]);
    for (let i = 0; i < 5; i++) learner.learn([1, i], i % 2, i / 5, 0.5);
    const state = JSON.parse(JSON.stringify(learner.toState())) as TransformedLearnerState;
    const copy = REGISTRY.learners['transformed']!(state);
    const a = learner.scores([1, 2.5], rng);
    copy.scores([1, 2.5], rng).forEach((v, i) => expect(v).toBeCloseTo(a[i]!, 12));
    expect(() => restoreTransform({ kind: 'nope' })).toThrow(/unknown transform/);
  });

  it('checks that the chain’s dimensions line up', () => {
    expect(() => new TransformedLearner(new LinUcb({ arms: 2, dimensions: 4, alpha: 1, lambda: 1 }), [pairwiseInteractions(2)])).toThrow(
      /expects 4 features, gets 5/,
    );
  });
});
