import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../bandits/rng.js';
import { communityMessage } from '../bench/simulated-community.js';
import { FEATURE_DIMENSIONS, FEATURE_NAMES, featurize } from './features.js';
import { classifyRequest } from './request-kind.js';

describe('featurize', () => {
  it('is deterministic and bounded', () => {
    const turn = { text: 'what is 17*23?', history: [] };
    const a = featurize(turn);
    expect(Array.from(featurize(turn).vector)).toEqual(Array.from(a.vector));
    expect(a.vector.length).toBe(FEATURE_DIMENSIONS);
    expect(FEATURE_NAMES.length).toBe(FEATURE_DIMENSIONS);
    // Dense features within their documented ranges; hashed words within ±1 (counts over √words).
    a.vector.slice(0, 11).forEach((v) => expect(v >= 0 && v <= 1).toBe(true));
    expect(a.vector[FEATURE_NAMES.indexOf('length-k')]).toBeCloseTo(0.014, 12);
    a.vector.slice(12).forEach((v) => expect(Math.abs(v) <= 1).toBe(true));
    // "what is 17*23?" has four words (what, is, 17, 23): two land on "0" for digits.
    const hashed = Array.from(a.vector.slice(12));
    expect(hashed.reduce((n, v) => n + v * v, 0)).toBeGreaterThan(0);
  });

  it('encodes kind, question, code markup, digits and depth', () => {
    const maths = featurize({ text: 'what is 17*23?', history: [] });
    expect(maths.kind).toBe('maths');
    expect(maths.vector[FEATURE_NAMES.indexOf('kind:maths')]).toBe(1);
    expect(maths.vector[FEATURE_NAMES.indexOf('question')]).toBe(1);
    expect(maths.vector[FEATURE_NAMES.indexOf('numeric')]).toBeCloseTo(Math.min(1, (4 * 5) / 14), 12);
    const code = featurize({ text: 'fix `x => x`', history: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }] });
    expect(code.vector[FEATURE_NAMES.indexOf('code-markup')]).toBe(1);
    expect(code.vector[FEATURE_NAMES.indexOf('depth')]).toBeCloseTo(0.2, 12);
  });

  it('hashes words so that different texts land on different buckets, and digits are one token', () => {
    const words = (text: string) => Array.from(featurize({ text, history: [] }).vector.slice(12));
    expect(words('add 12 and 345')).toEqual(words('add 7 and 8'));
    expect(words('the cat')).not.toEqual(words('the dog'));
  });

  it('classifies the issue’s example requests', () => {
    expect(classifyRequest('write a python function that reverses a list')).toBe('code');
    expect(classifyRequest('what is 17*23?')).toBe('maths');
    expect(classifyRequest('hey, how are you today?')).toBe('chit-chat');
    expect(classifyRequest('write an essay about the history of jazz')).toBe('long-form');
  });

  it('recovers the simulated community’s intended kind for almost every message', () => {
    const rng = Sfc32.fromSeed(2);
    let right = 0;
    for (let i = 0; i < 1000; i++) {
      const { kind, text } = communityMessage(rng);
      if (classifyRequest(text) === kind) right++;
    }
    expect(right).toBeGreaterThan(950);
  });
});
