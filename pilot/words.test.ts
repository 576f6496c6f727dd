import { describe, expect, it } from 'vitest';
import { fnv1a32 } from '../experiments/stable-hash.js';
import { fnvStepUtf8, isWordCode, STOPWORDS, words } from './words.js';

const hashOf = (word: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = fnvStepUtf8(h, word.charCodeAt(i));
  return h >>> 0;
};

describe('words', () => {
  it('splits on punctuation, symbols and emoji, lowercases, and honours minLength', () => {
    expect(words("Don't PANIC: the build-bot's v2 failed 🚀 again…")).toEqual(['don', 't', 'panic', 'the', 'build', 'bot', 's', 'v2', 'failed', 'again']);
    expect(words('a bb ccc', 2)).toEqual(['bb', 'ccc']);
    expect(words('Crème brûlée, São Paulo')).toEqual(['crème', 'brûlée', 'são', 'paulo']);
    expect(isWordCode('—'.charCodeAt(0))).toBe(false);
    expect(isWordCode('é'.charCodeAt(0))).toBe(true);
  });

  it('hashes a word incrementally exactly as fnv1a32 hashes its UTF-8 bytes', () => {
    for (const w of ['deploy', 'crème', 'ørsted', 'пример', '東京', 'x']) expect(hashOf(w)).toBe(fnv1a32(w));
  });

  it('has a short lowercase stopword list', () => {
    expect(STOPWORDS.has('the')).toBe(true);
    expect(STOPWORDS.has('deploy')).toBe(false);
    expect(STOPWORDS.size).toBeLessThan(200);
    for (const w of STOPWORDS) expect(w).toBe(w.toLowerCase());
  });
});
