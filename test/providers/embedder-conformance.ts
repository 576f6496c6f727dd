import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../router/providers/language-model.js';
import type { Embedder } from '../../pilot/types.js';

/** What the suite may do to the provider behind an embedder; local embedders have none. */
export interface EmbedderProviderHooks {
  /** Provider name the errors must carry ('openai', 'gemini'). */
  provider: string;
  /** A secret the embedder was given, which no error message may contain. */
  secret: string;
  /** Requests the provider (its fake) has received so far. */
  requestCount(): number;
  /** Every following request fails with this HTTP status, the way the real API answers it. */
  failWith(status: 401 | 500): void;
  /** Every following request is held open without an answer. */
  stall(): void;
  /** Back to answering with vectors. */
  recover(): void;
  close(): Promise<void>;
}

export interface EmbedderUnderTest {
  embedder: Embedder;
  provider?: EmbedderProviderHooks;
}

/**
 * Builds the embedder under test. `maxBatch` is the most texts one request may carry, set small
 * so that the suite can make the embedder split a call; embedders without requests ignore it.
 */
export type EmbedderFactory = (options: { maxBatch: number }) => Promise<EmbedderUnderTest>;

const MAX_BATCH = 3;
const TEXTS = ['the first text', 'a second, rather different one', 'third: numbers 1 2 3', 'fourth – with ünïcödé ✓'];

function expectUnit(vector: Float32Array, dimensions: number): void {
  expect(vector).toBeInstanceOf(Float32Array);
  expect(vector.length).toBe(dimensions);
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  expect(Math.sqrt(sumOfSquares)).toBeCloseTo(1, 5);
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => expect.fail('expected the promise to reject'), (error: unknown) => error);
}

/**
 * One shared suite, run against every Embedder implementation (see pilot/types.ts). `kind`
 * 'local' leaves out the cases about requests (abort in flight, HTTP failures), which an
 * embedder that makes none cannot have; a 'provider' factory must give provider hooks.
 */
export function describeEmbedderConformance(name: string, factory: EmbedderFactory, kind: 'provider' | 'local' = 'provider'): void {
  describe(`${name} (Embedder conformance)`, () => {
    let embedder: Embedder;
    let provider: EmbedderProviderHooks | undefined;
    beforeAll(async () => {
      ({ embedder, provider } = await factory({ maxBatch: MAX_BATCH }));
      if (kind === 'provider' && !provider) throw new Error(`${name}: a provider embedder's factory must give provider hooks`);
    });
    const hooks = (): EmbedderProviderHooks => provider!;
    afterAll(() => provider?.close());

    it('has an id and a positive whole number of dimensions', () => {
      expect(embedder.id).toMatch(/\S/);
      expect(Number.isInteger(embedder.dimensions) && embedder.dimensions > 0).toBe(true);
    });

    it('returns one unit vector of `dimensions` values per text', async () => {
      const vectors = await embedder.embed(TEXTS.slice(0, 2));
      expect(vectors).toHaveLength(2);
      for (const vector of vectors) expectUnit(vector, embedder.dimensions);
    });

    it('keeps input order: each vector is the one its text gets alone', async () => {
      const together = await embedder.embed(TEXTS);
      for (let i = 0; i < TEXTS.length; i++) {
        const [alone] = await embedder.embed([TEXTS[i]!]);
        expect(Array.from(together[i]!)).toEqual(Array.from(alone!));
      }
    });

    it('is deterministic: equal texts give equal vectors, different texts different ones', async () => {
      const [a, b, again] = await embedder.embed([TEXTS[0]!, TEXTS[1]!, TEXTS[0]!]);
      expect(Array.from(again!)).toEqual(Array.from(a!));
      expect(Array.from((await embedder.embed([TEXTS[0]!]))[0]!)).toEqual(Array.from(a!));
      expect(dot(a!, b!)).toBeLessThan(0.999);
    });

    it('embeds more texts than one request carries, in order, over several requests', async () => {
      const texts = Array.from({ length: MAX_BATCH * 3 + 1 }, (_, i) => `text number ${i} of a long list`);
      const before = provider?.requestCount();
      const vectors = await embedder.embed(texts);
      expect(vectors).toHaveLength(texts.length);
      if (provider) expect(provider.requestCount() - before!).toBe(4);
      const singles = await embedder.embed([texts[0]!, texts[MAX_BATCH]!, texts.at(-1)!]);
      expect(Array.from(vectors[0]!)).toEqual(Array.from(singles[0]!));
      expect(Array.from(vectors[MAX_BATCH]!)).toEqual(Array.from(singles[1]!));
      expect(Array.from(vectors.at(-1)!)).toEqual(Array.from(singles[2]!));
    });

    it('returns [] for no texts, without a request', async () => {
      const before = provider?.requestCount();
      expect(await embedder.embed([])).toEqual([]);
      expect(provider?.requestCount()).toBe(before);
    });

    it('rejects when the signal is already aborted, without a request', async () => {
      const before = provider?.requestCount();
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(embedder.embed(TEXTS, controller.signal));
      expect(error).toBeInstanceOf(Error);
      expect(provider?.requestCount()).toBe(before);
      if (provider) expect((error as ProviderError).retryable).toBe(false);
    });

    if (kind === 'local') return;

    it('stops a request in flight when the signal aborts, not retried (the caller gave up)', async () => {
      const provider = hooks();
      provider.stall();
      try {
        const controller = new AbortController();
        const started = Date.now();
        setTimeout(() => controller.abort(), 100);
        const error = await rejection(embedder.embed(TEXTS, controller.signal));
        expect(Date.now() - started).toBeLessThan(2000);
        expect(error).toBeInstanceOf(ProviderError);
        expect((error as ProviderError).provider).toBe(provider.provider);
        expect((error as ProviderError).retryable).toBe(false);
      } finally {
        provider.recover();
      }
    });

    for (const status of [500, 401] as const) {
      it(`rejects with a clear error naming the provider and status on a ${status}, without the secret`, async () => {
        const provider = hooks();
        provider.failWith(status);
        try {
          const error = await rejection(embedder.embed(TEXTS));
          expect(error).toBeInstanceOf(ProviderError);
          const e = error as ProviderError;
          expect(e.provider).toBe(provider.provider);
          expect(e.status).toBe(status);
          expect(e.kind).toBe(status === 500 ? 'server' : 'client');
          expect(e.retryable).toBe(status === 500);
          expect(e.message).toContain(provider.provider);
          expect(e.message).toContain(String(status));
          expect(e.message).not.toContain(provider.secret);
        } finally {
          provider.recover();
        }
        // The embedder is not left broken by a failure.
        expect(await embedder.embed([TEXTS[0]!])).toHaveLength(1);
      });
    }
  });
}
