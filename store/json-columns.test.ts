import { describe, expect, it } from 'vitest';
import { decodeNumberRecord, decodeNumbers, encodeNumberRecord, encodeNumbers } from './json-columns.js';

describe('number columns', () => {
  it('writes finite arrays as plain JSON', () => {
    expect(encodeNumbers([0.0375, -1.5, 0])).toBe('[0.0375,-1.5,0]');
    expect(decodeNumbers('[0.0375,-1.5,0]')).toEqual([0.0375, -1.5, 0]);
  });

  it('keeps NaN and infinities instead of turning them into null', () => {
    const text = encodeNumbers([1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(text).toBe('[1,"NaN","Infinity","-Infinity"]');
    expect(decodeNumbers(text)).toEqual([1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });

  it('keeps the sign of zero', () => {
    expect(encodeNumbers([-0, 0])).toBe('["-0",0]');
    expect(Object.is(decodeNumbers(encodeNumbers([-0]))[0], -0)).toBe(true);
  });

  it('round-trips the shortest representation of every double', () => {
    const values = [0.1 + 0.2, Number.MIN_VALUE, -Number.MAX_VALUE, 1 / 3, -2.5e-300];
    expect(decodeNumbers(encodeNumbers(values))).toEqual(values);
  });

  it('does the same for records, whatever the keys are called', () => {
    const record = { NaN: 1, latency: Number.NEGATIVE_INFINITY, 'a "b"': 0.25 };
    expect(decodeNumberRecord(encodeNumberRecord(record))).toEqual(record);
  });
});
