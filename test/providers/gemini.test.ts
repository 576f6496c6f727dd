import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryDelaySeconds, scrubApiKey } from '../../router/providers/gemini-errors.js';
import { createGeminiModel } from '../../router/providers/gemini.js';
import { ProviderError, type GenerateRequest, type LanguageModel } from '../../router/providers/language-model.js';
import { FAKE_GEMINI_API_KEY, geminiSentTexts, lastGeminiBody, startFakeGemini, type FakeGemini } from '../fakes/fake-gemini.js';
import { describeLanguageModel, collect } from './language-model-conformance.js';

const MODEL = 'gemini-2.5-flash';

function geminiOn(fake: { url: string }, timeoutMs: number, apiKey = FAKE_GEMINI_API_KEY): LanguageModel {
  return createGeminiModel({ apiKey, baseUrl: fake.url, model: MODEL, timeoutMs });
}

describeLanguageModel('gemini', {
  start: () => startFakeGemini(),
  model: (fake, timeoutMs) => geminiOn(fake, timeoutMs),
  sentTexts: geminiSentTexts,
});

const ASK: GenerateRequest = { messages: [{ role: 'user', content: 'hello?' }] };


const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a ProviderError'), (e: unknown) => e as ProviderError);
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('gemini adapter specifics (real @google/genai against the fake)', () => {
  let fake: FakeGemini;
  let model: LanguageModel;
  beforeAll(async () => {
    fake = await startFakeGemini();
    model = geminiOn(fake, 400);
  });
  afterAll(() => fake.close());

  it('calls generateContent with the key in a header, never in the URL', async () => {
    fake.next({ kind: 'success', text: 'ok', inputTokens: 3, outputTokens: 1 });
    await model.generate(ASK);
    const request = fake.requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/v1beta/models/${MODEL}:generateContent`);
    expect(request.headers['x-goog-api-key']).toBe(FAKE_GEMINI_API_KEY);
  });

  it('streams from streamGenerateContent?alt=sse', async () => {
    fake.next({ kind: 'success', text: 'a b', inputTokens: 3, outputTokens: 2 });
    await collect(model.stream(ASK));
    expect(fake.requests.at(-1)!.path).toBe(`/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`);
  });

  it('sends system messages as systemInstruction, assistant turns as model, same-role turns merged', async () => {
    fake.next({ kind: 'success', text: 'ok', inputTokens: 3, outputTokens: 1 });
    await model.generate({
      maxOutputTokens: 64,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'one' },
        { role: 'user', content: 'two' },
        { role: 'assistant', content: 'three' },
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'four' },
      ],
    });
    const body = lastGeminiBody(fake);
    expect(body.systemInstruction?.parts).toEqual([{ text: 'Be brief.' }, { text: 'Be kind.' }]);
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'one' }, { text: 'two' }] },
      { role: 'model', parts: [{ text: 'three' }] },
      { role: 'user', parts: [{ text: 'four' }] },
    ]);
    expect(body.generationConfig?.maxOutputTokens).toBe(64);
  });

  it('reads the retry delay from google.rpc.RetryInfo when there is no Retry-After header', async () => {
    fake.next({ kind: 'quota', retryDelay: '1.500s' });
    const error = await failure(model.generate(ASK));
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryable: true, retryAfter: 1.5 });
  });

  it('maps SAFETY to content_filter and MAX_TOKENS to length, generating and streaming', async () => {
    fake.next({ kind: 'finish', text: 'I cannot help with that.', finishReason: 'SAFETY' });
    expect((await model.generate(ASK)).finishReason).toBe('content_filter');
    const { chunks } = await collect(model.stream(ASK));
    expect(chunks.at(-1)).toMatchObject({ type: 'done', finishReason: 'content_filter' });
    fake.next({ kind: 'finish', text: 'cut short', finishReason: 'MAX_TOKENS' });
    expect((await model.generate(ASK)).finishReason).toBe('length');
  });

  it('reports a blocked prompt as content_filter with no text, not as a malformed body', async () => {
    fake.next({ kind: 'blocked-prompt' });
    expect(await model.generate(ASK)).toEqual({ text: '', finishReason: 'content_filter', usage: { inputTokens: 8 } });
    const { chunks, error } = await collect(model.stream(ASK));
    expect(error).toBeUndefined();
    expect(chunks).toEqual([{ type: 'done', finishReason: 'content_filter', usage: { inputTokens: 8 } }]);
  });

  it('reports an answer without candidates as malformed', async () => {
    fake.next({ kind: 'no-candidates' });
    expect(await failure(model.generate(ASK))).toMatchObject({ kind: 'malformed', retryable: true });
    expect((await collect(model.stream(ASK))).error).toMatchObject({ kind: 'malformed', retryable: true });
  });

  it('reports an unreadable stream as malformed and a body cut by a reset as network', async () => {
    fake.next({ kind: 'malformed' });
    expect((await collect(model.stream(ASK))).error).toMatchObject({ kind: 'malformed', retryable: true });
    fake.next({ kind: 'reset-mid-stream', text: 'never complete' });
    expect(await failure(model.generate(ASK))).toMatchObject({ kind: 'network', retryable: true });
  });

  it('makes exactly one request per call: no hidden SDK retries or continuation hops', async () => {
    const cases = [
      { scenario: { kind: 'server-error' as const }, kind: 'server' },
      { scenario: { kind: 'error' as const, status: 503, googleStatus: 'UNAVAILABLE', message: 'overloaded' }, kind: 'server' },
      { scenario: { kind: 'rate-limit' as const, retryAfterSeconds: 1 }, kind: 'rate_limit' },
    ];
    for (const { scenario, kind } of cases) {
      fake.next(scenario);
      let before = fake.requests.length;
      expect(await failure(model.generate(ASK))).toMatchObject({ kind });
      await settle();
      expect(fake.requests.length - before).toBe(1);
      before = fake.requests.length;
      expect((await collect(model.stream(ASK))).error).toMatchObject({ kind });
      await settle();
      expect(fake.requests.length - before).toBe(1);
    }
    fake.next({ kind: 'reset-mid-stream', text: 'this stream will be cut somewhere in the middle' });
    const before = fake.requests.length;
    expect((await collect(model.stream(ASK))).error).toMatchObject({ kind: 'network' });
    await settle();
    expect(fake.requests.length - before).toBe(1);
  });

  it('maps 408 to a retryable timeout and other 4xx to a client error that is not', async () => {
    fake.next({ kind: 'error', status: 408, googleStatus: 'DEADLINE_EXCEEDED', message: 'Request timed out.' });
    expect(await failure(model.generate(ASK))).toMatchObject({ kind: 'timeout', status: 408, retryable: true });
    fake.next({ kind: 'error', status: 403, googleStatus: 'PERMISSION_DENIED', message: 'denied' });
    expect(await failure(model.generate(ASK))).toMatchObject({ kind: 'client', status: 403, retryable: false });
  });

  it('turns an error event in the middle of a stream into a ProviderError after the text so far', async () => {
    fake.next({ kind: 'error-mid-stream', text: 'one two three four' });
    const { chunks, error } = await collect(model.stream(ASK));
    expect(chunks.filter((c) => c.type === 'text').map((c) => (c as { text: string }).text).join('')).toBe('one two ');
    expect(error).toMatchObject({ kind: 'server', status: 503, retryable: true, provider: 'gemini' });
  });

  it('times a stream out between pieces, not over its whole length', async () => {
    fake.next({ kind: 'slow-stream', text: 'a b c d e f', delayMs: 150 });
    const { chunks, error } = await collect(model.stream(ASK));
    expect(error).toBeUndefined();
    expect(chunks.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' });
    fake.next({ kind: 'slow-stream', text: 'a b c', delayMs: 700 });
    const stalled = await collect(model.stream(ASK));
    expect(stalled.chunks).toEqual([{ type: 'text', text: 'a ' }]);
    expect(stalled.error).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('lets go of the request at once when the caller stops reading early', async () => {
    fake.next({ kind: 'slow-stream', text: 'a b c d e f g h', delayMs: 150 });
    const started = Date.now();
    for await (const chunk of model.stream(ASK)) {
      if (chunk.type === 'text') break;
    }
    expect(Date.now() - started).toBeLessThan(140);
  });

  it('fails at once, as a ProviderError, when the caller already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await failure(model.generate({ ...ASK, signal: controller.signal }))).toBeInstanceOf(ProviderError);
  });

  it('never puts the API key in an error, even when the server echoes it', async () => {
    fake.next({
      kind: 'error', status: 400, googleStatus: 'INVALID_ARGUMENT',
      message: 'Bad request to https://generativelanguage.googleapis.com/v1beta/models/x:generateContent?key={key} with x-goog-api-key: {key}',
    });
    for (const error of [await failure(model.generate(ASK)), (await collect(model.stream(ASK))).error as ProviderError]) {
      expect(error).toBeInstanceOf(ProviderError);
      expect(error.message).toContain('[redacted]');
      expect(error.message).not.toContain(FAKE_GEMINI_API_KEY);
      expect(inspect(error, { depth: 10 })).not.toContain(FAKE_GEMINI_API_KEY);
    }
  });

  it('reports a wrong key as a client error without repeating it', async () => {
    const wrongKey = 'wrong-key-that-must-not-leak';
    const error = await failure(geminiOn(fake, 400, wrongKey).generate(ASK));
    expect(error).toMatchObject({ kind: 'client', status: 400, retryable: false });
    expect(error.message).toContain('API key not valid');
    expect(inspect(error, { depth: 10 })).not.toContain(wrongKey);
  });
});

describe('gemini error helpers', () => {
  it('parses protobuf durations from RetryInfo', () => {
    const info = (retryDelay: string) => [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }];
    expect(retryDelaySeconds(info('7s'))).toBe(7);
    expect(retryDelaySeconds(info('0.250s'))).toBe(0.25);
    expect(retryDelaySeconds(info('soon'))).toBeUndefined();
    expect(retryDelaySeconds([{ '@type': 'type.googleapis.com/google.rpc.Help' }])).toBeUndefined();
    expect(retryDelaySeconds(undefined)).toBeUndefined();
  });

  it('scrubs keys from URLs, headers and free text', () => {
    const key = 'secret-123';
    expect(scrubApiKey('https://h/v1beta/models/m:generateContent?alt=sse&key=abc&x=1', key)).toBe(
      'https://h/v1beta/models/m:generateContent?alt=sse&key=[redacted]&x=1',
    );
    expect(scrubApiKey('{"x-goog-api-key":"abc"}', key)).toBe('{"x-goog-api-key":"[redacted]"}');
    expect(scrubApiKey('the key secret-123 is wrong', key)).toBe('the key [redacted] is wrong');
    expect(scrubApiKey(`found ${FAKE_GEMINI_API_KEY}`, '')).toBe('found [redacted]');
  });
});
