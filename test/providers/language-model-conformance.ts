import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError, type LanguageModel, type StreamChunk } from '../../router/providers/language-model.js';
import type { FakeHttpServer } from '../fakes/fake-http.js';

/**
 * What every provider's fake server can be told to do next. Each fake speaks its API's real wire
 * format (JSON and server-sent events) so the real SDK is what gets tested.
 */
export type Scenario =
  | { kind: 'success'; text: string; inputTokens: number; outputTokens: number }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'server-error' }
  | { kind: 'client-error' }
  | { kind: 'timeout' }
  | { kind: 'malformed' }
  | { kind: 'reset-mid-stream'; text: string }
  | { kind: 'slow-stream'; text: string; delayMs: number };

export interface FakeProvider extends FakeHttpServer {
  /** Every following request gets this scenario. */
  next(scenario: Scenario): void;
}

export interface ConformanceSetup {
  start(): Promise<FakeProvider>;
  /** The real adapter pointed at the fake, with the given request timeout. */
  model(fake: FakeProvider, timeoutMs: number): LanguageModel;
  /** Extracts the user-visible message texts of the last request, in order, as the provider got them. */
  sentTexts(fake: FakeProvider): string[];
}

const MESSAGES = [
  { role: 'system' as const, content: 'You are a test.' },
  { role: 'user' as const, content: 'first question' },
  { role: 'assistant' as const, content: 'first answer' },
  { role: 'user' as const, content: 'second question' },
];

/** Drains a stream: every chunk that arrived, and the error that ended it, if any. */
export async function collect(stream: AsyncIterable<StreamChunk>): Promise<{ chunks: StreamChunk[]; error?: unknown }> {
  const chunks: StreamChunk[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
    return { chunks };
  } catch (error) {
    return { chunks, error };
  }
}

function expectProviderError(error: unknown, kind: ProviderError['kind'], retryable: boolean): ProviderError {
  expect(error).toBeInstanceOf(ProviderError);
  const e = error as ProviderError;
  expect(e.kind).toBe(kind);
  expect(e.retryable).toBe(retryable);
  return e;
}

/** One shared suite, run against every LanguageModel implementation. */
export function describeLanguageModel(name: string, setup: ConformanceSetup): void {
  describe(`${name} (LanguageModel conformance, real SDK against a fake server)`, () => {
    let fake: FakeProvider;
    let model: LanguageModel;
    beforeAll(async () => {
      fake = await setup.start();
      model = setup.model(fake, 400);
    });
    afterAll(() => fake.close());

    it('generates: text, finish reason, usage, and the whole conversation sent', async () => {
      fake.next({ kind: 'success', text: 'Hello there, friend.', inputTokens: 21, outputTokens: 5 });
      const result = await model.generate({ messages: MESSAGES });
      expect(result).toEqual({ text: 'Hello there, friend.', finishReason: 'stop', usage: { inputTokens: 21, outputTokens: 5 } });
      expect(setup.sentTexts(fake)).toEqual(['You are a test.', 'first question', 'first answer', 'second question']);
    });

    it('streams in several pieces, then finishes with usage', async () => {
      fake.next({ kind: 'success', text: 'One two three four five six.', inputTokens: 30, outputTokens: 7 });
      const { chunks, error } = await collect(model.stream({ messages: MESSAGES }));
      expect(error).toBeUndefined();
      const texts = chunks.filter((c) => c.type === 'text').map((c) => (c as { text: string }).text);
      expect(texts.length).toBeGreaterThan(1);
      expect(texts.join('')).toBe('One two three four five six.');
      expect(chunks.at(-1)).toEqual({ type: 'done', finishReason: 'stop', usage: { inputTokens: 30, outputTokens: 7 } });
    });

    it('reports 429 as a retryable rate limit with its retry-after', async () => {
      fake.next({ kind: 'rate-limit', retryAfterSeconds: 7 });
      const error = await model.generate({ messages: MESSAGES }).catch((e: unknown) => e);
      const e = expectProviderError(error, 'rate_limit', true);
      expect(e.status).toBe(429);
      expect(e.retryAfter).toBe(7);
      expect(e.provider).toBe(model.provider);
      const streamed = await collect(model.stream({ messages: MESSAGES }));
      expectProviderError(streamed.error, 'rate_limit', true);
    });

    it('reports 5xx as a retryable server error and 4xx as a client error that is not', async () => {
      fake.next({ kind: 'server-error' });
      expect(expectProviderError(await model.generate({ messages: MESSAGES }).catch((e: unknown) => e), 'server', true).status).toBe(500);
      fake.next({ kind: 'client-error' });
      expect(expectProviderError(await model.generate({ messages: MESSAGES }).catch((e: unknown) => e), 'client', false).status).toBe(400);
    });

    it('gives up after its timeout with a retryable timeout error', async () => {
      fake.next({ kind: 'timeout' });
      const started = Date.now();
      const error = await model.generate({ messages: MESSAGES }).catch((e: unknown) => e);
      expectProviderError(error, 'timeout', true);
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('reports a malformed body as malformed', async () => {
      fake.next({ kind: 'malformed' });
      expectProviderError(await model.generate({ messages: MESSAGES }).catch((e: unknown) => e), 'malformed', true);
    });

    it('yields what arrived, then a network error, when the connection resets mid-stream', async () => {
      fake.next({ kind: 'reset-mid-stream', text: 'This answer will be cut off before it ends.' });
      const { chunks, error } = await collect(model.stream({ messages: MESSAGES }));
      expect(chunks.some((c) => c.type === 'text')).toBe(true);
      expect(chunks.some((c) => c.type === 'done')).toBe(false);
      expectProviderError(error, 'network', true);
    });

    it('passes a slow stream through piece by piece, without buffering it', async () => {
      fake.next({ kind: 'slow-stream', text: 'slow and steady wins', delayMs: 60 });
      const started = Date.now();
      let first = 0;
      let text = '';
      for await (const chunk of model.stream({ messages: MESSAGES })) {
        if (chunk.type === 'text') {
          if (!first) first = Date.now() - started;
          text += chunk.text;
        }
      }
      const total = Date.now() - started;
      expect(text).toBe('slow and steady wins');
      expect(first).toBeLessThan(total - 100);
    });

    it('stops when the caller aborts, with an error that is not retried (the caller gave up)', async () => {
      fake.next({ kind: 'slow-stream', text: 'a b c d e f g h i j', delayMs: 80 });
      const controller = new AbortController();
      const error = await (async () => {
        try {
          for await (const chunk of model.stream({ messages: MESSAGES, signal: controller.signal })) {
            if (chunk.type === 'text') controller.abort();
          }
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).retryable).toBe(false);
    });
  });
}
