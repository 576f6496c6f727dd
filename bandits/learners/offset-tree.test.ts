import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../rng.js';
import { OffsetTree } from './offset-tree.js';

function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
  return best;
}

/** Trains from uniformly logged data: every arm played with propensity 1/K. */
function trainUniform(tree: OffsetTree, rows: number, seed: number, context: (r: Sfc32) => number[], mean: (x: number[], a: number) => number) {
  const data = Sfc32.fromSeed(seed);
  for (let i = 0; i < rows; i++) {
    const x = context(data);
    const arm = Math.floor(data.next() * tree.arms);
    tree.learn(x, arm, mean(x, arm) + 0.2 * (data.next() - 0.5), 1 / tree.arms);
  }
}

describe('offset tree', () => {
  it('scores every arm ½ before learning', () => {
    for (const k of [2, 3, 5, 26]) {
      expect(Array.from(new OffsetTree({ arms: k, dimensions: 3, lambda: 1 }).scores([1, 0.2, 0.4]))).toEqual(
        new Array(k).fill(0.5),
      );
    }
    expect(Array.from(new OffsetTree({ arms: 1, dimensions: 2, lambda: 1 }).scores([1, 0]))).toEqual([1]);
  });

  it('learns a 4-arm problem with one best arm per quadrant', () => {
    const signs = [[-1, -1], [-1, 1], [1, -1], [1, 1]] as const;
    const context = (r: Sfc32) => [1, 2 * r.next() - 1, 2 * r.next() - 1];
    const mean = (x: number[], a: number) => 0.5 + 0.2 * (signs[a]![0] * x[1]! + signs[a]![1] * x[2]!);
    const tree = new OffsetTree({ arms: 4, dimensions: 3, lambda: 1 });
    trainUniform(tree, 3000, 61, context, mean);
    const data = Sfc32.fromSeed(62);
    let right = 0;
    for (let i = 0; i < 500; i++) {
      const x = context(data);
      if (argmax(tree.scores(x)) === argmax([0, 1, 2, 3].map((a) => mean(x, a)))) right++;
    }
    expect(right / 500).toBeGreaterThan(0.9);
  });

  it('learns an arbitrary mapping of categories to 7 arms', () => {
    // One-hot categories: every node can route every category either way, so any map is reachable.
    const best = (c: number) => (3 * c + 1) % 7;
    const context = (r: Sfc32) => {
      const x = new Array<number>(8).fill(0);
      x[0] = 1;
      x[1 + Math.floor(r.next() * 7)] = 1;
      return x;
    };
    const mean = (x: number[], a: number) => (a === best(x.indexOf(1, 1) - 1) ? 0.8 : 0.3);
    const tree = new OffsetTree({ arms: 7, dimensions: 8, lambda: 1 });
    trainUniform(tree, 6000, 63, context, mean);
    for (let c = 0; c < 7; c++) {
      const x = new Array<number>(8).fill(0);
      x[0] = 1;
      x[1 + c] = 1;
      expect(argmax(tree.scores(x))).toBe(best(c));
    }
  });

  it('gives the tree’s own choice a score ≥ ½ and every other arm ≤ ½', () => {
    const tree = new OffsetTree({ arms: 6, dimensions: 3, lambda: 1 });
    trainUniform(tree, 500, 64, (r) => [1, r.next(), r.next()], (x, a) => (a % 3 === 0 ? x[1]! : x[2]!));
    const s = Array.from(tree.scores([1, 0.9, 0.1])).sort((a, b) => b - a);
    expect(s[0]).toBeGreaterThanOrEqual(0.5);
    for (const v of s.slice(1)) expect(v).toBeLessThanOrEqual(0.5);
    for (const v of s) expect(v).toBeGreaterThanOrEqual(0);
  });

  it('ignores rewards equal to the offset and restores exactly', () => {
    const tree = new OffsetTree({ arms: 3, dimensions: 2, lambda: 1, offset: 0.25 });
    tree.learn([1, 1], 2, 0.25, 0.5);
    expect(tree.toState().counts).toEqual([0, 0]);
    tree.learn([1, 1], 2, 0.9, 0.5);
    const copy = OffsetTree.fromState(JSON.parse(JSON.stringify(tree.toState())));
    expect(copy.offset).toBe(0.25);
    const a = tree.scores([1, 0.5]);
    copy.scores([1, 0.5]).forEach((v, i) => expect(v).toBeCloseTo(a[i]!, 12));
    expect('merge' in tree).toBe(false);
  });
});
