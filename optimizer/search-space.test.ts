import { describe, expect, it } from 'vitest';
import { SearchSpace } from './search-space.js';

const space = new SearchSpace([
  { type: 'float', name: 'lr', low: 1e-4, high: 1, log: true },
  { type: 'float', name: 'x', low: -2, high: 3 },
  { type: 'int', name: 'k', low: 1, high: 4 },
  { type: 'int', name: 'batch', low: 1, high: 1024, log: true },
  { type: 'categorical', name: 'kind', choices: ['a', 'b', 'c'] },
]);

describe('SearchSpace', () => {
  it('has one coordinate per number and one per choice', () => {
    expect(space.dim).toBe(7);
  });

  it('round-trips through the unit cube', () => {
    const params = { lr: 0.01, x: 0.5, k: 3, batch: 64, kind: 'b' };
    const u = space.encode(params);
    expect(u.every((v) => v >= 0 && v <= 1)).toBe(true);
    const back = space.decode(u);
    expect(back.lr).toBeCloseTo(0.01, 12);
    expect(back.x).toBeCloseTo(0.5, 12);
    expect(back).toMatchObject({ k: 3, batch: 64, kind: 'b' });
  });

  it('gives every integer an equal share of the coordinate', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) counts[(space.decode([0, 0, (i + 0.5) / 400, 0, 1, 0, 0]).k as number) - 1]!++;
    expect(counts).toEqual([100, 100, 100, 100]);
  });

  it('rejects bad specifications with the parameter named', () => {
    expect(() => new SearchSpace([{ type: 'float', name: 'bad', low: 1, high: 1 }])).toThrow(/bad/);
    expect(() => new SearchSpace([{ type: 'float', name: 'lg', low: 0, high: 1, log: true }])).toThrow(/lg/);
  });
});
