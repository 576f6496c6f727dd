import { describe, expect, it } from 'vitest';
import { HashingEmbedder } from './hashing-embedder.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));

describe('HashingEmbedder', () => {
  const embedder = new HashingEmbedder();

  it('names its configuration and defaults to 256 dimensions', () => {
    expect(embedder.id).toBe('hashing-256');
    expect(embedder.dimensions).toBe(256);
    expect(new HashingEmbedder({ dimensions: 384, bigrams: true }).id).toBe('hashing-384-bigrams');
    expect(new HashingEmbedder({ stopwords: new Set() }).id).toMatch(/^hashing-256-stop[0-9a-f]+$/);
    expect(() => new HashingEmbedder({ dimensions: 1 })).toThrow(RangeError);
  });

  it('is deterministic, unit-length, case- and punctuation-insensitive', () => {
    const a = embedder.embedSync('The deploy FAILED again, after the retry patch!');
    const b = new HashingEmbedder().embedSync('deploy failed again after retry patch');
    expect(a).toEqual(b);
    expect(norm(a)).toBeCloseTo(1, 5);
  });

  it('embeds a text with no kept word to the zero vector', () => {
    expect(norm(embedder.embedSync(''))).toBe(0);
    expect(norm(embedder.embedSync('the and of, a!'))).toBe(0);
  });

  it('scores texts that share words above texts that do not', () => {
    const q = embedder.embedSync('postgres connection pool exhausted');
    const related = embedder.embedSync('the postgres pool keeps getting exhausted under load');
    const unrelated = embedder.embedSync('lunch on friday at the italian place');
    expect(dot(q, related)).toBeGreaterThan(0.4);
    expect(Math.abs(dot(q, unrelated))).toBeLessThan(0.2);
  });

  it('weights repeats sublinearly (1 + ln tf)', () => {
    const once = embedder.embedSync('alpha beta');
    const thrice = embedder.embedSync('alpha alpha alpha beta');
    const beta = embedder.embedSync('beta');
    // cos(thrice, beta) = 1 / sqrt((1 + ln 3)^2 + 1) when the two words do not collide.
    expect(dot(thrice, beta)).toBeCloseTo(1 / Math.sqrt((1 + Math.log(3)) ** 2 + 1), 5);
    expect(dot(once, beta)).toBeCloseTo(Math.SQRT1_2, 5);
  });

  it('hashes non-ASCII words as their UTF-8 bytes, and keeps them apart', () => {
    const cafe = embedder.embedSync('café crème');
    expect(norm(cafe)).toBeCloseTo(1, 5);
    expect(dot(cafe, embedder.embedSync('cafe creme'))).toBeLessThan(0.9);
    expect(dot(cafe, embedder.embedSync('Café Crème'))).toBeCloseTo(1, 5);
  });

  it('adds word pairs with bigrams on, so order matters', () => {
    const bi = new HashingEmbedder({ bigrams: true });
    expect(dot(bi.embedSync('dog bites man'), bi.embedSync('man bites dog'))).toBeLessThan(0.99);
    expect(dot(embedder.embedSync('dog bites man'), embedder.embedSync('man bites dog'))).toBeCloseTo(1, 5);
  });

  it('writes a batch into one contiguous matrix, row for row the same as embedSync', async () => {
    const texts = ['first message here', 'second one about deploys', '', 'x'.repeat(5000)];
    const batch = embedder.embedBatchSync(texts);
    expect(batch.length).toBe(texts.length * 256);
    texts.forEach((t, i) => expect(batch.subarray(i * 256, (i + 1) * 256)).toEqual(embedder.embedSync(t)));
    const viaEmbed = await embedder.embed(texts);
    expect(viaEmbed.map((v) => v.buffer === viaEmbed[0]!.buffer)).toEqual([true, false, false, false]);
    expect(viaEmbed[1]).toEqual(embedder.embedSync(texts[1]!));
  });

  it('grows its term buffer for long texts', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `term${i}`).join(' ');
    expect(norm(embedder.embedSync(long))).toBeCloseTo(1, 5);
  });

  it('honours an aborted signal', async () => {
    await expect(embedder.embed(['x'], AbortSignal.abort())).rejects.toThrow();
  });
});
