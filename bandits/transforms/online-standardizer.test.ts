import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../rng.js';
import { OnlineStandardizer } from './online-standardizer.js';

describe('online standardizer', () => {
  it('matches the batch mean and (population) standard deviation', () => {
    const data = Sfc32.fromSeed(71);
    const rows: number[][] = [];
    const s = new OnlineStandardizer(3, { freezeAfter: Infinity, passthrough: [0] });
    for (let i = 0; i < 500; i++) {
      const row = [1, 1e6 + 10 * data.next(), -3 + 0.01 * data.next()];
      rows.push(row);
      s.observe(row);
    }
    const x = [1, 1e6 + 4, -2.995];
    const out = s.apply(x, new Float64Array(3));
    expect(out[0]).toBe(1);
    for (const i of [1, 2]) {
      const col = rows.map((r) => r[i]!);
      const mean = col.reduce((a, v) => a + v, 0) / col.length;
      const sd = Math.sqrt(col.reduce((a, v) => a + (v - mean) ** 2, 0) / col.length);
      expect(out[i]).toBeCloseTo((x[i]! - mean) / Math.max(sd, 1e-3), 6);
    }
  });

  it('maps features without variance to 0 and floors σ', () => {
    const s = new OnlineStandardizer(2, { minStd: 0.5 });
    expect(Array.from(s.apply([3, 4], new Float64Array(2)))).toEqual([0, 0]);
    s.observe([1, 7]);
    s.observe([1, 7.2]);
    // σ of column 1 is 0.1, floored to 0.5.
    const out = s.apply([1, 7.6], new Float64Array(2));
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(1, 12);
  });

  it('freezes after the warm-up and survives a JSON round trip', () => {
    const s = new OnlineStandardizer(1, { freezeAfter: 3 });
    for (const v of [1, 2, 3, 100, 200]) s.observe([v]);
    expect(s.frozen).toBe(true);
    expect(s.observed).toBe(3);
    const out = s.apply([3], new Float64Array(1))[0]!;
    expect(out).toBeCloseTo(1 / Math.sqrt(2 / 3), 12);
    const copy = OnlineStandardizer.fromState(JSON.parse(JSON.stringify(s.toState())));
    expect(copy.apply([3], new Float64Array(1))[0]).toBe(out);
    const forever = new OnlineStandardizer(1, { freezeAfter: Infinity });
    expect(OnlineStandardizer.fromState(JSON.parse(JSON.stringify(forever.toState()))).freezeAfter).toBe(Infinity);
  });

  it('rejects passthrough columns out of range', () => {
    expect(() => new OnlineStandardizer(2, { passthrough: [2] })).toThrow(/passthrough/);
  });
});
