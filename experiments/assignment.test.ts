import { describe, expect, it } from 'vitest';
import { assignmentKey, assignVariant, cumulativeShares } from './assignment.js';
import { sampleRatioMismatch } from './srm.js';
import { fnv1a32 } from './stable-hash.js';

const variants = [
  { name: 'A', share: 0.5 },
  { name: 'B', share: 0.3 },
  { name: 'C', share: 0.2 },
];

describe('assignment', () => {
  it('uses the reference FNV-1a so the hash never drifts between releases', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('gives the same variant for the same inputs and keys cannot collide by concatenation', () => {
    const key = { tenant: 't1', user: 'u42', experiment: 'router-v2', salt: 's' };
    const first = assignVariant(key, variants).name;
    for (let i = 0; i < 10; i++) expect(assignVariant({ ...key }, variants).name).toBe(first);
    expect(assignmentKey({ tenant: 'ab', user: 'c', experiment: 'e' })).not.toBe(assignmentKey({ tenant: 'a', user: 'bc', experiment: 'e' }));
  });

  it('honours the shares within sampling error over 100k users', () => {
    const n = 100_000;
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const v = assignVariant({ tenant: 'tenant-1', user: `user-${i}`, experiment: 'exp', salt: '2024' }, variants);
      counts[variants.indexOf(v)]! += 1;
    }
    variants.forEach((v, i) => {
      const sd = Math.sqrt(n * v.share * (1 - v.share));
      expect(Math.abs(counts[i]! - n * v.share)).toBeLessThan(4 * sd);
    });
    expect(sampleRatioMismatch(counts, variants.map((v) => v.share)).mismatch).toBe(false);
  });

  it('reshuffles users independently under a new salt', () => {
    const two = [
      { name: 'A', share: 1 },
      { name: 'B', share: 1 },
    ];
    let same = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const a = assignVariant({ tenant: 't', user: `u${i}`, experiment: 'e', salt: 'one' }, two).name;
      const b = assignVariant({ tenant: 't', user: `u${i}`, experiment: 'e', salt: 'two' }, two).name;
      if (a === b) same++;
    }
    expect(Math.abs(same / n - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
  });

  it('rejects invalid shares', () => {
    expect(() => cumulativeShares([])).toThrow();
    expect(() => cumulativeShares([{ name: 'A', share: 0 }])).toThrow();
    expect(() => cumulativeShares([{ name: 'A', share: 1 }, { name: 'A', share: 1 }])).toThrow();
    expect(cumulativeShares([{ name: 'A', share: 1 }, { name: 'B', share: 3 }])).toEqual([0.25, 1]);
  });
});
