import { describe, expect, it } from 'vitest';
import { segment } from './segment.js';
import { countTokens } from './token-count.js';

const sentence = (i: number, words = 10) => `Sentence ${i} ${Array.from({ length: words - 2 }, (_, w) => `word${w % 10}`).join(' ')}.`;

describe('countTokens', () => {
  it('counts short words once, long words per six characters, and each punctuation mark', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('   \n\t')).toBe(0);
    expect(countTokens('the cat sat')).toBe(3);
    expect(countTokens('internationalization')).toBe(4); // 20 letters
    expect(countTokens('Hello, world!')).toBe(4);
    expect(countTokens('a+b=c')).toBe(5);
    expect(countTokens('日本語')).toBe(3);
    expect(countTokens('ok 👍')).toBe(2);
    expect(countTokens('café')).toBe(1);
  });

  it('lands near 0.75 English words per token on prose', () => {
    const prose =
      'The quick brown fox jumps over the lazy dog, while the committee reviews yesterday\'s deployment. ' +
      'Nobody expected the configuration change to break authentication for every workspace in the region.';
    const wordCount = prose.split(/\s+/).length;
    expect(wordCount / countTokens(prose)).toBeGreaterThan(0.65);
    expect(wordCount / countTokens(prose)).toBeLessThan(0.9);
  });
});

describe('segment', () => {
  it('keeps a short message as exactly one trimmed chunk, and drops empty text', () => {
    expect(segment('  hello there, anyone around?  ', { maxTokens: 64, overlapTokens: 8 })).toEqual([
      { index: 0, text: 'hello there, anyone around?', tokens: 6 },
    ]);
    expect(segment(' \n ', { maxTokens: 64, overlapTokens: 8 })).toEqual([]);
  });

  it('packs sentences up to the limit and overlaps with trailing sentences of the previous chunk', () => {
    const text = Array.from({ length: 12 }, (_, i) => sentence(i)).join(' ');
    const perSentence = countTokens(sentence(0));
    const chunks = segment(text, { maxTokens: perSentence * 4, overlapTokens: perSentence });
    expect(chunks.length).toBeGreaterThan(3);
    chunks.forEach((c, i) => {
      expect(c.index).toBe(i);
      expect(c.tokens).toBeLessThanOrEqual(perSentence * 4);
      expect(c.tokens).toBe(countTokens(c.text));
    });
    for (let i = 1; i < chunks.length; i++) {
      const previousLast = chunks[i - 1]!.text.split(/(?<=\.) /).at(-1)!;
      expect(chunks[i]!.text.startsWith(previousLast)).toBe(true);
    }
    // Every sentence survives somewhere, in order.
    const all = chunks.map((c) => c.text).join(' ');
    for (let i = 0; i < 12; i++) expect(all).toContain(`Sentence ${i} `);
  });

  it('carries no overlap when overlapTokens is 0', () => {
    const text = Array.from({ length: 8 }, (_, i) => sentence(i)).join(' ');
    const chunks = segment(text, { maxTokens: countTokens(sentence(0)) * 3, overlapTokens: 0 });
    expect(chunks.map((c) => c.text).join(' ')).toBe(text);
  });

  it('keeps paragraph breaks and line breaks inside a chunk', () => {
    const text = `${sentence(1)}\n${sentence(2)}\n\n${sentence(3)} ${sentence(4)}\n\n${'filler words here. '.repeat(40)}`;
    const chunks = segment(text, { maxTokens: 50, overlapTokens: 0 });
    expect(chunks[0]!.text).toBe(`${sentence(1)}\n${sentence(2)}\n\n${sentence(3)} ${sentence(4)}`);
  });

  it('keeps a fenced code block whole, even over the limit', () => {
    const code = ['```ts', ...Array.from({ length: 40 }, (_, i) => `const value${i} = compute(${i}, "x");`), '```'].join('\n');
    const text = `${sentence(1)} ${sentence(2)}\n\n${code}\n\n${sentence(3)}`;
    const chunks = segment(text, { maxTokens: 50, overlapTokens: 12 });
    const withCode = chunks.filter((c) => c.text.includes('```'));
    expect(withCode).toHaveLength(1);
    expect(withCode[0]!.text).toBe(code);
    expect(withCode[0]!.tokens).toBeGreaterThan(50);
    // The sentence after the block starts fresh: no overlap is carried out of a code block.
    expect(chunks.at(-1)!.text).toBe(sentence(3));
  });

  it('lets a small code block share a chunk with its explanation', () => {
    const text = `Try this:\n\n\`\`\`js\nretry(3)\n\`\`\`\n\n${'and then it should work fine. '.repeat(30)}`;
    const chunks = segment(text, { maxTokens: 40, overlapTokens: 0 });
    expect(chunks[0]!.text.startsWith('Try this:\n\n```js\nretry(3)\n```')).toBe(true);
  });

  it('treats an unclosed fence as running to the end', () => {
    const text = `${'intro words. '.repeat(20)}\n\n\`\`\`\n${'line of code;\n'.repeat(30)}`;
    const chunks = segment(text, { maxTokens: 30, overlapTokens: 0 });
    expect(chunks.at(-1)!.text.startsWith('```')).toBe(true);
    expect(chunks.at(-1)!.text.split('\n')).toHaveLength(31);
  });

  it('splits a single over-long sentence at word boundaries', () => {
    const words = Array.from({ length: 300 }, (_, i) => `w${i}`);
    const chunks = segment(words.join(' '), { maxTokens: 50, overlapTokens: 10 });
    expect(chunks.length).toBeGreaterThanOrEqual(6);
    for (const c of chunks) {
      expect(c.tokens).toBeLessThanOrEqual(50);
      for (const w of c.text.split(' ')) expect(words).toContain(w);
    }
  });

  it('cuts a word over the limit at character boundaries', () => {
    const blob = 'x'.repeat(1000);
    const chunks = segment(`see ${blob} here`, { maxTokens: 20, overlapTokens: 0 });
    expect(chunks.every((c) => c.tokens <= 20)).toBe(true);
    expect(chunks.map((c) => c.text).join('').replace(/[^x]/g, '')).toBe(blob);
  });

  it('rejects impossible options', () => {
    expect(() => segment('x', { maxTokens: 0, overlapTokens: 0 })).toThrow(RangeError);
    expect(() => segment('x', { maxTokens: 10, overlapTokens: 10 })).toThrow(RangeError);
  });

  it('segments 100k chat messages well under a second', () => {
    const vocab = 'the deploy failed again after merging the retry patch can someone check logs please thanks'.split(' ');
    const messages = Array.from({ length: 100_000 }, (_, i) => Array.from({ length: 5 + (i % 36) }, (_, w) => vocab[(i * 7 + w * 3) % vocab.length]).join(' '));
    const start = performance.now();
    let chunks = 0;
    for (const m of messages) chunks += segment(m, { maxTokens: 256, overlapTokens: 32 }).length;
    const seconds = (performance.now() - start) / 1000;
    expect(chunks).toBe(100_000);
    expect(seconds).toBeLessThan(1);
  });
});
