import { describe, expect, it } from 'vitest';
import { pairwiseInteractions, PairwiseInteractions } from './pairwise-interactions.js';

describe('pairwise interactions', () => {
  it('appends x_i·x_j for i ≤ j in row order', () => {
    const t = pairwiseInteractions(3);
    expect(t.outputDimensions).toBe(9);
    expect(Array.from(t.apply([2, 3, 5], new Float64Array(9)))).toEqual([2, 3, 5, 4, 6, 10, 9, 15, 25]);
  });

  it('leaves the bias column out of the products when asked', () => {
    const t = pairwiseInteractions(4, { excludeBias: true });
    expect(t.outputDimensions).toBe(4 + 6);
    expect(Array.from(t.apply([1, 2, 3, 5], new Float64Array(10)))).toEqual([1, 2, 3, 5, 4, 6, 10, 9, 15, 25]);
  });

  it('is stateless and round-trips its state', () => {
    const t = pairwiseInteractions(5, { excludeBias: true });
    expect(t.stateless).toBe(true);
    const copy = PairwiseInteractions.fromState(JSON.parse(JSON.stringify(t.toState())));
    expect(copy.outputDimensions).toBe(t.outputDimensions);
    expect(copy.excludeBias).toBe(true);
  });
});
