import { describe, expect, it } from 'vitest';
import { exactMannKendallP, inversionCounts } from './kendall-exact.js';

/** Every ordering of the values (duplicates included, each equally likely), by brute force. */
function permutations(values: readonly number[]): number[][] {
  if (values.length <= 1) return [values.slice()];
  const out: number[][] = [];
  values.forEach((v, i) => {
    for (const rest of permutations([...values.slice(0, i), ...values.slice(i + 1)])) out.push([v, ...rest]);
  });
  return out;
}

const mkS = (x: readonly number[]) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) for (let j = i + 1; j < x.length; j++) s += Math.sign(x[j]! - x[i]!);
  return s;
};

/** P(|S| ≥ |s|) for every s, from S over all orderings. */
function bruteForceP(values: readonly number[]): (s: number) => number {
  const all = permutations(values).map(mkS);
  return (s) => all.filter((x) => Math.abs(x) >= Math.abs(s)).length / all.length;
}

describe('inversionCounts', () => {
  it('gives the Mahonian numbers without ties', () => {
    expect(inversionCounts([1, 1, 1, 1])).toEqual([1, 3, 5, 6, 5, 3, 1]);
  });

  it('sums to the number of distinct orderings of the multiset', () => {
    // 7! / (2! · 3!) = 420
    expect(inversionCounts([2, 1, 3, 1]).reduce((a, b) => a + b, 0)).toBe(420);
  });
});

describe('exactMannKendallP', () => {
  it('matches the Mann–Kendall table for n = 4 and n = 5', () => {
    // One-sided table values P(S ≥ 6 | n=4) = 0.042 and P(S ≥ 10 | n=5) = 0.0083, doubled.
    expect(exactMannKendallP(6, [1, 1, 1, 1])).toBeCloseTo(2 / 24, 12);
    expect(exactMannKendallP(-10, [1, 1, 1, 1, 1])).toBeCloseTo(2 / 120, 12);
    expect(exactMannKendallP(8, [1, 1, 1, 1, 1])).toBeCloseTo(10 / 120, 12);
    expect(exactMannKendallP(0, [1, 1, 1, 1, 1])).toBe(1);
  });

  it('matches brute-force enumeration with and without ties', () => {
    const cases: { values: number[]; groups: number[] }[] = [
      { values: [1, 2, 3, 4, 5, 6], groups: [1, 1, 1, 1, 1, 1] },
      { values: [1, 1, 2, 3, 3, 3, 4], groups: [2, 1, 3, 1] },
      { values: [0, 0, 0, 1, 1, 2, 2, 2], groups: [3, 2, 3] },
    ];
    for (const { values, groups } of cases) {
      const maxS = mkS([...values].sort((a, b) => a - b));
      const expected = bruteForceP(values);
      for (let s = -maxS; s <= maxS; s++) expect(exactMannKendallP(s, groups)).toBeCloseTo(expected(s), 12);
    }
  });
});
