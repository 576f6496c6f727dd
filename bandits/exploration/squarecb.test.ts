import { describe, expect, it } from 'vitest';
import { SquareCb } from './squarecb.js';

const p = (explorer: SquareCb, scores: number[]) => Array.from(explorer.probabilities(Float64Array.from(scores)));

describe('SquareCB explorer', () => {
  it('gives each worse arm 1/(K + γ·gap) and the best arm the rest', () => {
    // K = 4, γ = 10, gaps 0, 0.4, 0.2, 0.7.
    const others = [1 / 8, 1 / 6, 1 / 11];
    const expected = [1 - others.reduce((s, v) => s + v, 0), ...others];
    p(new SquareCb({ gamma: 10 }), [0.9, 0.5, 0.7, 0.2]).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 14));
  });

  it('is uniform when γ = 0 and nearly greedy when γ is large', () => {
    expect(p(new SquareCb({ gamma: 0 }), [3, 1, 2])).toEqual([1 / 3, 1 / 3, 1 / 3].map((v) => expect.closeTo(v, 14)));
    expect(p(new SquareCb({ gamma: 1e9 }), [0, 1, 0.5])[1]).toBeGreaterThan(0.999_999);
  });

  it('splits the remainder evenly between tied best arms', () => {
    const out = p(new SquareCb({ gamma: 4 }), [1, 0.5, 1]);
    expect(out[1]).toBeCloseTo(1 / 5, 14);
    expect(out[0]).toBeCloseTo(0.4, 14);
    expect(out[2]).toBeCloseTo(0.4, 14);
  });

  it('mixes in the floor and round-trips its state', () => {
    const out = p(new SquareCb({ gamma: 1e12, floor: 0.1 }), [0, 1, 0]);
    out.forEach((v, i) => expect(v).toBeCloseTo(i === 1 ? 0.8 : 0.1, 9));
    const e = new SquareCb({ gamma: 50, floor: 0.01 });
    expect(SquareCb.fromState(e.toState()).toState()).toEqual({ kind: 'squarecb', gamma: 50, floor: 0.01 });
    expect(() => new SquareCb({ gamma: -1 })).toThrow(/gamma/);
  });
});
