import { describe, expect, it } from 'vitest';
import { describePolicy, parseShare, parseVariantSpec } from './abtest-spec.js';

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
