import { describe, expect, it } from 'vitest';
import { Softmax } from './softmax.js';

const p = (explorer: Softmax, scores: number[]) => Array.from(explorer.probabilities(Float64Array.from(scores)));

describe('softmax explorer', () => {
  it('weights arms by exp(score / τ)', () => {
    const e = Math.exp(1);
    const expected = [1, e, e * e].map((v) => v / (1 + e + e * e));
    p(new Softmax({ temperature: 0.5 }), [0, 0.5, 1]).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 14));
  });

  it('stays finite for huge scores and tiny temperatures', () => {
    const huge = p(new Softmax({ temperature: 1 }), [1e308, 1e308 - 1e292, -1e308]);
    expect(huge.every(Number.isFinite)).toBe(true);
    expect(huge.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    const sharp = p(new Softmax({ temperature: 1e-9 }), [0.5, 0.6, 0.6]);
    expect(sharp).toEqual([0, 0.5, 0.5]);
    const shifted = p(new Softmax({ temperature: 2 }), [1000, 1001]);
    p(new Softmax({ temperature: 2 }), [0, 1]).forEach((v, i) => expect(shifted[i]).toBeCloseTo(v, 14));
  });

  it('mixes in the floor', () => {
    const out = p(new Softmax({ temperature: 1e-6, floor: 0.05 }), [0, 1, 0, 0]);
    out.forEach((v, i) => expect(v).toBeCloseTo(i === 1 ? 0.85 : 0.05, 14));
    expect(() => p(new Softmax({ temperature: 1, floor: 0.3 }), [0, 1, 2, 3])).toThrow(/floor/);
  });

  it('validates and serializes its parameters', () => {
    expect(() => new Softmax({ temperature: 0 })).toThrow(/temperature/);
    expect(() => new Softmax({ temperature: 1, floor: -0.1 })).toThrow(/floor/);
    const s = new Softmax({ temperature: 0.2, floor: 0.01 });
    expect(Softmax.fromState(s.toState()).toState()).toEqual({ kind: 'softmax', temperature: 0.2, floor: 0.01 });
  });
});
