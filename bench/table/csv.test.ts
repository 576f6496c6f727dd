import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { tableFromCsv } from './load-table.js';

describe('parseCsv', () => {
  it('handles quoted fields with commas, newlines and doubled quotes, and CRLF', () => {
    const { header, rows } = parseCsv('a,b,c\r\n1,"x, ""y""\nz",3\r\n4,,6\n');
    expect(header).toEqual(['a', 'b', 'c']);
    expect(rows).toEqual([['1', 'x, "y"\nz', '3'], ['4', '', '6']]);
  });

  it('rejects ragged rows and an unterminated quote', () => {
    expect(() => parseCsv('a,b\n1\n')).toThrow(/row 2 has 1 fields/);
    expect(() => parseCsv('a\n"open\n')).toThrow(/inside a quoted field/);
  });
});

describe('tableFromCsv', () => {
  const csv = 'id,text,x.f,quality.a,quality.b,cost.a,cost.b\n1,"hi",0.5,1,0,0.01,0.02\n2,"yo",,0,1,0.03,0.04\n';

  it('derives reward = quality − λ·cost when no reward column is given', () => {
    const t = tableFromCsv('t', csv, { lambda: 10, mu: 0 });
    expect(t.arms).toEqual(['a', 'b']);
    expect(Array.from(t.reward)).toEqual([1 - 0.1, 0 - 0.2, 0 - 0.3, 1 - 0.4].map((v) => expect.closeTo(v, 12)));
    expect(t.text).toEqual(['hi', 'yo']);
    expect(Number.isNaN(t.numeric[1]![0])).toBe(true);
  });

  it('prefers explicit reward columns', () => {
    const t = tableFromCsv('t', 'x.f,reward.a,reward.b\n1,0,1\n', { lambda: 0, mu: 0 });
    expect(Array.from(t.reward)).toEqual([0, 1]);
    expect(t.text).toBeUndefined();
  });
});
