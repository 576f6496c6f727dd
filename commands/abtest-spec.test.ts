import { describe, expect, it } from 'vitest';
import { describePolicy, parseShare, parseShares, parseVariantSpec, parseVariantSpecs } from './abtest-spec.js';

describe('parseVariantSpec', () => {
  it('reads a fixed arm and combined bandit settings', () => {
    expect(parseVariantSpec('arm:llama-sim')).toEqual({ kind: 'fixed-arm', arm: 'llama-sim' });
    expect(parseVariantSpec('epsilon:0.2,lambda:5')).toEqual({ kind: 'bandit', overrides: { epsilon: 0.2, ridgeLambda: 5 } });
    expect(describePolicy(parseVariantSpec('epsilon:0.2,lambda:5,alpha:1'))).toBe('epsilon:0.2,lambda:5,alpha:1');
  });

  it('refuses what it cannot read or what is out of range', () => {
    expect(() => parseVariantSpec('gpt')).toThrow(/not a variant setting/);
    expect(() => parseVariantSpec('epsilon:1.5')).toThrow(/between 0 and 1/);
    expect(() => parseVariantSpec('lambda:0')).toThrow(/positive/);
    expect(() => parseVariantSpec('epsilon:abc')).toThrow(/not a variant setting/);
  });
});

describe('parseVariantSpecs', () => {
  it('reads several challengers separated by ";", spaces around them allowed', () => {
    expect(parseVariantSpecs('arm:openai:gpt-4o;epsilon:0.2,lambda:5 ; alpha:2')).toEqual([
      { kind: 'fixed-arm', arm: 'openai:gpt-4o' },
      { kind: 'bandit', overrides: { epsilon: 0.2, ridgeLambda: 5 } },
      { kind: 'bandit', overrides: { alpha: 2 } },
    ]);
    expect(parseVariantSpecs('arm:llama-sim')).toEqual([{ kind: 'fixed-arm', arm: 'llama-sim' }]);
  });

  it('refuses an empty variant and reports a bad one', () => {
    expect(() => parseVariantSpecs('arm:x;')).toThrow(/separated by ";"/);
    expect(() => parseVariantSpecs('')).toThrow(/separated by ";"/);
    expect(() => parseVariantSpecs('arm:x;epsilon:2')).toThrow(/between 0 and 1/);
  });
});

describe('parseShares', () => {
  it('splits one total evenly between the challengers, 50 % by default', () => {
    expect(parseShares(undefined, 1)).toEqual([0.5]);
    expect(parseShares(undefined, 2)).toEqual([0.25, 0.25]);
    const thirds = parseShares('60', 3);
    thirds.forEach((share) => expect(share).toBeCloseTo(0.2, 12));
    expect(parseShares(0.3, 2)).toEqual([0.15, 0.15]);
  });

  it('takes one share per challenger from the command or as an array from the API', () => {
    const fromText = parseShares('20;10%', 2);
    expect(fromText[0]).toBeCloseTo(0.2, 12);
    expect(fromText[1]).toBeCloseTo(0.1, 12);
    expect(parseShares([0.2, '30'], 2)).toEqual([0.2, 0.3]);
    expect(() => parseShares('20;10;10', 2)).toThrow(/3 shares for 2 variants/);
    expect(() => parseShares('60;50', 2)).toThrow(/add up to 110 %/);
    expect(() => parseShares([0.2, null], 2)).toThrow(/must be between 0 and 100/);
  });
});

describe('parseShare', () => {
  it('takes percentages and fractions, 50 % by default', () => {
    expect(parseShare(undefined)).toBe(0.5);
    expect(parseShare('20')).toBeCloseTo(0.2, 12);
    expect(parseShare('20%')).toBeCloseTo(0.2, 12);
    expect(parseShare('0.25')).toBe(0.25);
    expect(() => parseShare('100')).toThrow(/between 0 and 100/);
    expect(() => parseShare('0')).toThrow(/between 0 and 100/);
  });
});
