import { describe, expect, it } from 'vitest';
import { gaussian, Sfc32 } from '../bandits/rng.js';
import { TopK } from './top-k.js';
import { VectorIndex } from './vector-index.js';

const d = 16;

function unit(rng: Sfc32, dims = d, nonzeros = dims): Float32Array {
  const v = new Float32Array(dims);
  for (let t = 0; t < nonzeros; t++) v[nonzeros === dims ? t : Math.floor(rng.next() * dims)] = gaussian(rng);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);

/** Brute-force reference: every stored vector scored, sorted. */
function reference(stored: Map<number, { v: Float32Array; ns: string }>, q: Float32Array, k: number, prefix?: string) {
  const qn = Math.hypot(...q);
  return [...stored]
    .filter(([, { ns }]) => prefix === undefined || ns === prefix || ns.startsWith(`${prefix}:`))
    .map(([id, { v }]) => ({ id, score: dot(v, q) / qn }))
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, k);
}

describe('TopK', () => {
  it('keeps the k largest, best first', () => {
    const rng = Sfc32.fromSeed(2);
    const heap = new TopK(5);
    const all = Array.from({ length: 500 }, (_, id) => ({ id, score: rng.next() }));
    for (const { id, score } of all) heap.push(score, id);
    expect(heap.sorted()).toEqual(all.sort((a, b) => b.score - a.score).slice(0, 5));
    expect(new TopK(0).sorted()).toEqual([]);
  });
});

describe('VectorIndex', () => {
  it('returns exactly the brute-force top k, dense and sparse queries, across blocks', () => {
    const rng = Sfc32.fromSeed(1);
    const index = new VectorIndex(d, { blockRows: 64 });
    const stored = new Map<number, { v: Float32Array; ns: string }>();
    for (let i = 0; i < 1000; i++) {
      const v = unit(rng, d, i % 3 === 0 ? 3 : d);
      const ns = `t:w:pilot:c${i % 5}`;
      index.add(1000 + i, v, ns);
      stored.set(1000 + i, { v, ns });
    }
    expect(index.size).toBe(1000);
    for (let q = 0; q < 50; q++) {
      const query = unit(rng, d, q % 2 ? 2 : d).map((x) => x * 3); // not unit: scores are still cosines
      const got = index.search(query, 7);
      const want = reference(stored, query, 7);
      expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
      got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 5));
    }
  });

  it('filters by namespace and everything below it, on a ":" boundary', () => {
    const index = new VectorIndex(2);
    index.add(1, Float32Array.of(1, 0), 't:w:pilot');
    index.add(2, Float32Array.of(1, 0.1), 't:w:pilot:general');
    index.add(3, Float32Array.of(1, 0.2), 't:w:pilotx');
    index.add(4, Float32Array.of(1, 0.3), 'other:w:pilot:general');
    const ids = (ns?: string) => index.search(Float32Array.of(1, 0), 10, ns === undefined ? {} : { namespace: ns }).map((h) => h.id);
    expect(ids()).toEqual([1, 2, 3, 4]);
    expect(ids('t:w:pilot')).toEqual([1, 2]);
    expect(ids('t:w:pilot:general')).toEqual([2]);
    expect(ids('nobody')).toEqual([]);
  });

  it('replaces an id on re-add, removes by moving the last row, and never returns removed ids', () => {
    const rng = Sfc32.fromSeed(3);
    const index = new VectorIndex(d, { blockRows: 8 });
    const stored = new Map<number, { v: Float32Array; ns: string }>();
    for (let i = 0; i < 40; i++) {
      const v = unit(rng);
      index.add(i, v, i % 2 ? 'a' : 'b');
      stored.set(i, { v, ns: i % 2 ? 'a' : 'b' });
    }
    const v = unit(rng);
    index.add(5, v, 'b');
    stored.set(5, { v, ns: 'b' });
    for (const id of [0, 39, 17, 8, 23]) {
      expect(index.remove(id)).toBe(true);
      stored.delete(id);
    }
    expect(index.remove(17)).toBe(false);
    expect(index.size).toBe(35);
    expect(index.has(17)).toBe(false);
    for (let q = 0; q < 20; q++) {
      const query = unit(rng);
      expect(index.search(query, 40).map((h) => h.id)).toEqual(reference(stored, query, 40).map((h) => h.id));
      expect(index.search(query, 5, { namespace: 'b' }).map((h) => h.id)).toEqual(reference(stored, query, 5, 'b').map((h) => h.id));
    }
    for (const id of [...stored.keys()]) index.remove(id);
    expect(index.size).toBe(0);
    expect(index.search(unit(rng), 3)).toEqual([]);
  });

  it('returns nothing for a zero query or k < 1, and checks dimensions', () => {
    const index = new VectorIndex(2);
    index.add(1, Float32Array.of(0, 1), 'n');
    expect(index.search(Float32Array.of(0, 0), 3)).toEqual([]);
    expect(index.search(Float32Array.of(0, 1), 0)).toEqual([]);
    expect(index.search(Float32Array.of(0, 2), 3)).toEqual([{ id: 1, score: 1 }]);
    expect(() => index.add(2, Float32Array.of(1), 'n')).toThrow(RangeError);
    expect(() => index.search(Float32Array.of(1, 2, 3), 1)).toThrow(RangeError);
  });
});
