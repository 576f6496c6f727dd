import { describe, expect, it } from 'vitest';
import { clusterKeywords } from './keywords.js';

describe('clusterKeywords (c-TF-IDF)', () => {
  const texts = [
    'The deploy pipeline failed on the staging cluster',
    'staging deploy is green today, pipeline fixed',
    'who broke the deploy pipeline on staging?',
    'lunch order: pizza or sushi today?',
    'sushi place near the office is great for lunch',
    'pizza today for lunch, anyone?',
    'anyone around today?',
  ];
  const labels = [0, 0, 0, 1, 1, 1, -1];

  it('ranks each cluster’s own frequent words first, skipping stopwords and short words', () => {
    const [deploys, lunch] = clusterKeywords(texts, labels, 2, { topN: 3 });
    expect(deploys!.map((k) => k.term)).toEqual(['deploy', 'pipeline', 'staging']);
    expect(lunch!.map((k) => k.term)).toEqual(['lunch', 'pizza', 'sushi']);
    for (const k of [...deploys!, ...lunch!]) expect(k.score).toBeGreaterThan(0);
  });

  it('computes W = tf(t, c) / words(c) · log(1 + A / f(t))', () => {
    const [deploys] = clusterKeywords(texts, labels, 2, { topN: 20 });
    // Each cluster keeps 15 words of ≥ 3 letters that are not stopwords, so A = 15.
    const score = (term: string) => deploys!.find((k) => k.term === term)!.score;
    expect(score('deploy')).toBeCloseTo((3 / 15) * Math.log(1 + 15 / 3), 12);
    // Used once here like 'failed', but also in the other cluster: it scores lower.
    expect(score('today')).toBeCloseTo((1 / 15) * Math.log(1 + 15 / 3), 12);
    expect(score('failed')).toBeCloseTo((1 / 15) * Math.log(1 + 15 / 1), 12);
    expect(deploys!.some((k) => k.term === 'the' || k.term === 'on')).toBe(false);
  });

  it('honours minLength and custom stopwords, and returns empty lists for empty clusters', () => {
    const result = clusterKeywords(['ab abc abcd', 'zzz'], [0, 2], 3, { minLength: 4, stopwords: new Set(['zzz']) });
    expect(result).toEqual([[{ term: 'abcd', score: expect.any(Number) }], [], []]);
    expect(() => clusterKeywords(['x'], [0, 1], 2)).toThrow(RangeError);
  });
});
