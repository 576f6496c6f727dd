import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError, type LanguageModel, type StreamChunk } from '../../router/providers/language-model.js';
import { createOpenAiModel } from '../../router/providers/openai.js';
import { sendJson, sendSse } from '../fakes/fake-http.js';
import { apiError, completion, startFakeOpenAi, streamEvents, type FakeOpenAi } from '../fakes/fake-openai.js';
import { describeLanguageModel, type FakeProvider } from './language-model-conformance.js';

const KEY = 'sk-test-0123456789abcdefSECRET';
const MODEL = 'gpt-test-mini';
const MESSAGES = [{ role: 'user' as const, content: 'hello' }];

function sentTexts(fake: FakeProvider): string[] {
  const body = fake.requests.at(-1)?.body as { messages: Array<{ content: string }> };
  return body.messages.map((m) => m.content);
}

describeLanguageModel('openai', {
  start: () => startFakeOpenAi({ apiKey: KEY }),
  model: (fake, timeoutMs) => createOpenAiModel({ provider: 'openai', apiKey: KEY, baseUrl: `${fake.url}/v1`, model: MODEL, timeoutMs }),
  sentTexts,
});

describeLanguageModel('local', {
  start: () => startFakeOpenAi(),
  model: (fake, timeoutMs) => createOpenAiModel({ provider: 'local', baseUrl: `${fake.url}/v1`, model: 'llama3.2', timeoutMs }),
  sentTexts,
});

async function failure(work: Promise<unknown> | AsyncIterable<StreamChunk>): Promise<ProviderError> {
  let error: unknown;
  try {
    if (work instanceof Promise) await work;
    else for await (const _chunk of work) { /* drain */ }
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('openai provider specifics', () => {
  let fake: FakeOpenAi;
  let model: LanguageModel;
  const lastBody = () => fake.requests.at(-1)?.body as Record<string, unknown>;

  beforeAll(async () => {
    fake = await startFakeOpenAi({ apiKey: KEY });
    model = createOpenAiModel({ apiKey: KEY, baseUrl: `${fake.url}/v1`, model: MODEL, timeoutMs: 400 });
  });
  afterAll(() => fake.close());

  it('sends the configured model, the key as a bearer token, and asks for streamed usage', async () => {
    fake.next({ kind: 'success', text: 'hi there', inputTokens: 3, outputTokens: 2 });
    await model.generate({ messages: MESSAGES });
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(lastBody()).toMatchObject({ model: MODEL, messages: [{ role: 'user', content: 'hello' }] });
    expect(lastBody().stream).toBeFalsy();
    for await (const _chunk of model.stream({ messages: MESSAGES })) { /* drain */ }
    expect(lastBody()).toMatchObject({ model: MODEL, stream: true, stream_options: { include_usage: true } });
    expect(model.provider).toBe('openai');
    expect(model.model).toBe(MODEL);
  });

  it('sends max output tokens as max_completion_tokens to OpenAI and max_tokens to a local server', async () => {
    fake.next({ kind: 'success', text: 'ok', inputTokens: 1, outputTokens: 1 });
    await model.generate({ messages: MESSAGES, maxOutputTokens: 123 });
    expect(lastBody().max_completion_tokens).toBe(123);
    expect(lastBody()).not.toHaveProperty('max_tokens');
    await model.generate({ messages: MESSAGES });
    expect(lastBody()).not.toHaveProperty('max_completion_tokens');

    const local = await startFakeOpenAi();
    try {
      const localModel = createOpenAiModel({ provider: 'local', baseUrl: `${local.url}/v1`, model: 'qwen2.5', timeoutMs: 400 });
      await localModel.generate({ messages: MESSAGES, maxOutputTokens: 77 });
      const body = local.requests.at(-1)?.body as Record<string, unknown>;
      expect(body).toMatchObject({ model: 'qwen2.5', max_tokens: 77 });
      expect(body).not.toHaveProperty('max_completion_tokens');
    } finally {
      await local.close();
    }
  });

  it('makes exactly one request per call when it fails: the router owns retries, not the SDK', async () => {
    for (const scenario of [{ kind: 'server-error' }, { kind: 'rate-limit', retryAfterSeconds: 0 }, { kind: 'timeout' }] as const) {
      fake.next(scenario);
      const before = fake.requests.length;
      await failure(model.generate({ messages: MESSAGES }));
      await failure(model.stream({ messages: MESSAGES }));
      expect(fake.requests.length - before).toBe(2);
    }
  });

  it('reads retry-after as an HTTP date', async () => {
    const when = new Date(Date.now() + 30_000).toUTCString();
    fake.answerWith((_req, res) => sendJson(res, 429, apiError('slow down', 'requests', 'rate_limit_exceeded'), { 'retry-after': when }));
    const error = await failure(model.generate({ messages: MESSAGES }));
    expect(error.kind).toBe('rate_limit');
    expect(error.retryAfter).toBeGreaterThanOrEqual(28);
    expect(error.retryAfter).toBeLessThanOrEqual(31);
  });

  it('prefers retry-after-ms, and reads retry-after on a 503 too', async () => {
    fake.answerWith((_req, res) => sendJson(res, 429, apiError('slow down', 'tokens', 'rate_limit_exceeded'), {
      'retry-after-ms': '1500', 'retry-after': '9',
    }));
    expect((await failure(model.generate({ messages: MESSAGES }))).retryAfter).toBe(1.5);
    fake.answerWith((_req, res) => sendJson(res, 503, apiError('overloaded', 'server_error', null), { 'retry-after': '4' }));
    const error = await failure(model.stream({ messages: MESSAGES }));
    expect(error).toMatchObject({ kind: 'server', status: 503, retryable: true, retryAfter: 4 });
  });

  it('maps 408 and 409 as retryable, other 4xx as not, and obeys x-should-retry', async () => {
    const answer = (status: number, headers: Record<string, string> = {}) =>
      fake.answerWith((_req, res) => sendJson(res, status, apiError('nope', 'invalid_request_error', null), headers));
    answer(408);
    expect(await failure(model.generate({ messages: MESSAGES }))).toMatchObject({ kind: 'timeout', status: 408, retryable: true });
    answer(409);
    expect(await failure(model.generate({ messages: MESSAGES }))).toMatchObject({ status: 409, retryable: true });
    answer(404);
    expect(await failure(model.generate({ messages: MESSAGES }))).toMatchObject({ kind: 'client', status: 404, retryable: false });
    answer(500, { 'x-should-retry': 'false' });
    expect(await failure(model.generate({ messages: MESSAGES }))).toMatchObject({ kind: 'server', retryable: false });
  });

  it('never puts the API key in an error, even when the server echoes it back', async () => {
    fake.answerWith((req, res) => sendJson(res, 401, apiError(`Incorrect API key provided: ${String(req.headers.authorization)}`, 'invalid_request_error', 'invalid_api_key')));
    const errors = [await failure(model.generate({ messages: MESSAGES })), await failure(model.stream({ messages: MESSAGES }))];
    for (const scenario of [{ kind: 'server-error' }, { kind: 'client-error' }, { kind: 'malformed' }, { kind: 'timeout' }] as const) {
      fake.next(scenario);
      errors.push(await failure(model.generate({ messages: MESSAGES })));
    }
    fake.next({ kind: 'reset-mid-stream', text: 'cut off here and there' });
    errors.push(await failure(model.stream({ messages: MESSAGES })));
    expect(errors[0]).toMatchObject({ kind: 'client', status: 401, retryable: false });
    expect(errors[0]!.message).toContain('[redacted]');
    for (const error of errors) {
      expect(error.message).not.toContain(KEY);
      expect(inspect(error, { depth: 10 })).not.toContain(KEY);
    }
  });

  it('reports a completion without choices, a non-JSON 200 and a malformed stream as malformed', async () => {
    fake.answerWith((_req, res) => sendJson(res, 200, { id: 'x', object: 'chat.completion', model: MODEL }));
    expect((await failure(model.generate({ messages: MESSAGES }))).kind).toBe('malformed');
    fake.answerWith((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>captive portal</html>');
    });
    expect((await failure(model.generate({ messages: MESSAGES }))).kind).toBe('malformed');
    fake.next({ kind: 'malformed' });
    expect(await failure(model.stream({ messages: MESSAGES }))).toMatchObject({ kind: 'malformed', retryable: true });
    // A stream that ends cleanly but never finished is truncated, not complete.
    fake.answerWith((req, res) => sendSse(res, streamEvents(MODEL, 'half an answer', undefined).slice(0, 2)));
    expect((await failure(model.stream({ messages: MESSAGES }))).kind).toBe('malformed');
  });

  it('maps finish reasons, and leaves usage unknown when the server does not report it', async () => {
    const withFinish = (reason: string) => {
      const body = completion(MODEL, 'cut', 1, 1) as { choices: Array<{ finish_reason: string }>; usage?: unknown };
      body.choices[0]!.finish_reason = reason;
      delete body.usage;
      return body;
    };
    for (const [wire, ours] of [['length', 'length'], ['content_filter', 'content_filter'], ['tool_calls', 'unknown']] as const) {
      fake.answerWith((_req, res) => sendJson(res, 200, withFinish(wire)));
      expect(await model.generate({ messages: MESSAGES })).toEqual({ text: 'cut', finishReason: ours, usage: {} });
    }
    // A local server that ignores include_usage: the stream still finishes, with usage unknown.
    fake.answerWith((_req, res) => sendSse(res, streamEvents(MODEL, 'no usage here', undefined)));
    const chunks: StreamChunk[] = [];
    for await (const chunk of model.stream({ messages: MESSAGES })) chunks.push(chunk);
    expect(chunks.at(-1)).toEqual({ type: 'done', finishReason: 'stop', usage: {} });
  });

  it('reports an error event inside a stream as a retryable server error', async () => {
    fake.answerWith((_req, res) => sendSse(res, [
      ...streamEvents(MODEL, 'partial answer', undefined).slice(0, 2),
      { data: { error: { message: 'The server had an error while processing your request.', type: 'server_error' } } },
    ]));
    expect(await failure(model.stream({ messages: MESSAGES }))).toMatchObject({ kind: 'server', retryable: true });
  });

  it('times out a stream that stalls after it started', async () => {
    fake.answerWith(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify(streamEvents(MODEL, 'stalled', undefined)[1]!.data)}\n\n`);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      if (!res.destroyed) res.end();
    });
    const started = Date.now();
    const chunks: StreamChunk[] = [];
    const error = await failure((async function* () {
      for await (const chunk of model.stream({ messages: MESSAGES })) {
        chunks.push(chunk);
        yield chunk;
      }
    })());
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(chunks).toEqual([{ type: 'text', text: 'stalled' }]);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('stops waiting as soon as the caller aborts, before any answer', async () => {
    fake.next({ kind: 'timeout' });
    const slowModel = createOpenAiModel({ apiKey: KEY, baseUrl: `${fake.url}/v1`, model: MODEL, timeoutMs: 10_000 });
    const started = Date.now();
    const error = await failure(slowModel.generate({ messages: MESSAGES, signal: AbortSignal.timeout(100) }));
    expect(error).toMatchObject({ kind: 'timeout', retryable: false });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await failure(slowModel.generate({ messages: MESSAGES, signal: AbortSignal.abort() }))).kind).toBe('timeout');
  });

  it('closes the request when the consumer stops reading early', async () => {
    let closed!: Promise<void>;
    fake.answerWith((_req, res) => {
      closed = new Promise((resolve) => res.on('close', () => resolve()));
      return sendSse(res, streamEvents(MODEL, 'a b c d e f g h', undefined), { delayMs: 50 });
    });
    for await (const chunk of model.stream({ messages: MESSAGES })) {
      if (chunk.type === 'text') break;
    }
    await expect(closed).resolves.toBeUndefined();
  });

  it('refuses to start without the settings its provider needs', () => {
    expect(() => createOpenAiModel({ model: MODEL, timeoutMs: 100 })).toThrow(/API key/);
    expect(() => createOpenAiModel({ provider: 'local', model: MODEL, timeoutMs: 100 })).toThrow(/base URL/);
  });
});
