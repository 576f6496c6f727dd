import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicModel } from '../../router/providers/anthropic.js';
import { retryAfterSeconds } from '../../router/providers/anthropic-errors.js';
import { OPENING_USER_TURN, toAnthropicConversation } from '../../router/providers/anthropic-wire.js';
import { ProviderError, type LanguageModel } from '../../router/providers/language-model.js';
import { FAKE_ANTHROPIC_API_KEY, startFakeAnthropic, type FakeAnthropic } from '../fakes/fake-anthropic.js';
import type { FakeProvider } from './language-model-conformance.js';
import { describeLanguageModel, collect } from './language-model-conformance.js';

interface SentBody {
  model: string;
  max_tokens: number;
  stream?: boolean;
  system?: string | Array<{ text: string }>;
  messages: Array<{ role: string; content: string | Array<{ text: string }> }>;
}

const lastBody = (fake: FakeProvider) => fake.requests.at(-1)!.body as SentBody;
const texts = (content: string | Array<{ text: string }>) => (typeof content === 'string' ? [content] : content.map((b) => b.text));

function modelFor(fake: FakeProvider, timeoutMs: number, maxOutputTokens?: number): LanguageModel {
  return createAnthropicModel({ apiKey: FAKE_ANTHROPIC_API_KEY, baseUrl: fake.url, model: 'claude-test', timeoutMs, maxOutputTokens });
}

describeLanguageModel('anthropic', {
  start: startFakeAnthropic,
  model: modelFor,
  sentTexts: (fake) => {
    const body = lastBody(fake);
    return [...(body.system ? texts(body.system) : []), ...body.messages.flatMap((m) => texts(m.content))];
  },
});


const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e) as Promise<ProviderError>;
const ASK = [{ role: 'user' as const, content: 'hi' }];

describe('anthropic provider specifics', () => {
  let fake: FakeAnthropic;
  let model: LanguageModel;
  beforeAll(async () => {
    fake = await startFakeAnthropic();
    model = modelFor(fake, 400);
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.next({ kind: 'success', text: 'ok then', inputTokens: 3, outputTokens: 2 }));

  it('sends system prompts as `system`, merges same-role turns and opens with the user', async () => {
    await model.generate({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'assistant', content: 'Welcome back.' },
        { role: 'user', content: 'one' },
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'two' },
      ],
    });
    const body = lastBody(fake);
    expect(body.system).toBe('Be brief.\n\nBe kind.');
    expect(body.messages).toEqual([
      { role: 'user', content: OPENING_USER_TURN },
      { role: 'assistant', content: 'Welcome back.' },
      { role: 'user', content: 'one\n\ntwo' },
    ]);
  });

  it('sends the key, the API version, the model and the output cap where the API expects them', async () => {
    await model.generate({ messages: ASK });
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe('/v1/messages');
    const auth = request.headers['x-api-key'] ?? request.headers.authorization;
    expect(auth).toContain(FAKE_ANTHROPIC_API_KEY);
    expect(request.headers['anthropic-version']).toBeTruthy();
    expect(lastBody(fake)).toMatchObject({ model: 'claude-test', max_tokens: 1024 });
    expect(lastBody(fake).system).toBeUndefined();

    await modelFor(fake, 400, 300).generate({ messages: ASK });
    expect(lastBody(fake).max_tokens).toBe(300);
    await modelFor(fake, 400, 300).generate({ messages: ASK, maxOutputTokens: 50 });
    expect(lastBody(fake).max_tokens).toBe(50);
  });

  it('maps stop reasons, streamed or not', async () => {
    for (const [stopReason, finishReason] of [['max_tokens', 'length'], ['refusal', 'content_filter'], ['stop_sequence', 'stop'], ['pause_turn', 'unknown']]) {
      fake.next({ kind: 'success-with-stop', text: 'cut short', stopReason: stopReason! });
      expect((await model.generate({ messages: ASK })).finishReason).toBe(finishReason);
      const { chunks } = await collect(model.stream({ messages: ASK }));
      expect(chunks.at(-1)).toEqual({ type: 'done', finishReason, usage: { inputTokens: 10, outputTokens: 3 } });
    }
  });

  it('makes exactly one request per call, whatever the failure: the router owns retries', async () => {
    const cases = [
      { kind: 'server-error' as const },
      { kind: 'rate-limit' as const, retryAfterSeconds: 0 },
      { kind: 'api-error' as const, status: 529, errorType: 'overloaded_error' },
      { kind: 'api-error' as const, status: 503, errorType: 'api_error', headers: { 'x-should-retry': 'true' } },
      { kind: 'timeout' as const },
    ];
    for (const scenario of cases) {
      fake.next(scenario);
      const before = fake.requests.length;
      await failure(model.generate({ messages: ASK }));
      await collect(model.stream({ messages: ASK }));
      expect(fake.requests.length - before).toBe(2);
    }
  });

  it('reports 529 overloaded as a retryable server error', async () => {
    fake.next({ kind: 'api-error', status: 529, errorType: 'overloaded_error', message: 'Overloaded' });
    const error = await failure(model.generate({ messages: ASK }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'server', retryable: true, status: 529, provider: 'anthropic' });
  });

  it('retries 408 and 409 but not 401, 403 or 413', async () => {
    const expectations: Array<[number, string, boolean]> = [
      [408, 'timeout_error', true], [409, 'conflict_error', true],
      [401, 'authentication_error', false], [403, 'permission_error', false], [413, 'request_too_large', false],
    ];
    for (const [status, errorType, retryable] of expectations) {
      fake.next({ kind: 'api-error', status, errorType });
      expect(await failure(model.generate({ messages: ASK }))).toMatchObject({ status, retryable });
    }
  });

  it('reads retry-after given as an HTTP date', async () => {
    const when = new Date(Date.now() + 30_000).toUTCString();
    fake.next({ kind: 'api-error', status: 429, errorType: 'rate_limit_error', headers: { 'retry-after': when } });
    const error = await failure(model.generate({ messages: ASK }));
    expect(error).toMatchObject({ kind: 'rate_limit', retryable: true });
    expect(error.retryAfter).toBeGreaterThanOrEqual(28);
    expect(error.retryAfter).toBeLessThanOrEqual(31);
  });

  it('turns an `error` event mid-stream into a ProviderError after the text that came first', async () => {
    fake.next({ kind: 'error-event', text: 'partial answer here', errorType: 'overloaded_error', status: 529 });
    const { chunks, error } = await collect(model.stream({ messages: ASK }));
    expect(chunks.filter((c) => c.type === 'text').map((c) => (c as { text: string }).text).join('')).toBe('partial answer here');
    expect(chunks.some((c) => c.type === 'done')).toBe(false);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'server', retryable: true, status: 529 });

    fake.next({ kind: 'error-event', text: 'partial', errorType: 'invalid_request_error', status: 400 });
    expect((await collect(model.stream({ messages: ASK }))).error).toMatchObject({ kind: 'client', retryable: false });
  });

  it('reports a body without content, and an unparseable stream, as malformed', async () => {
    fake.next({ kind: 'no-content' });
    expect(await failure(model.generate({ messages: ASK }))).toMatchObject({ kind: 'malformed', retryable: true });
    fake.next({ kind: 'malformed' });
    expect((await collect(model.stream({ messages: ASK }))).error).toMatchObject({ kind: 'malformed', retryable: true });
  });

  it('times out a stream that stalls after it started', async () => {
    fake.next({ kind: 'slow-stream', text: 'too slow', delayMs: 900 });
    const started = Date.now();
    const { error } = await collect(model.stream({ messages: ASK }));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('does not count time the caller spends on a chunk against the provider', async () => {
    fake.next({ kind: 'slow-stream', text: 'a b c', delayMs: 20 });
    let text = '';
    for await (const chunk of model.stream({ messages: ASK })) {
      if (chunk.type === 'text') {
        text += chunk.text;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    expect(text).toBe('a b c');
  });

  it('reports a refused connection as a retryable network error', async () => {
    const gone = await startFakeAnthropic();
    await gone.close();
    const error = await failure(modelFor(gone, 400).generate({ messages: ASK }));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('marks a cancellation by the caller as not worth retrying', async () => {
    const error = await failure(model.generate({ messages: ASK, signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ kind: 'timeout', retryable: false });
  });

  it('never puts the API key in an error, even when the server echoes it', async () => {
    fake.next({ kind: 'api-error', status: 401, errorType: 'authentication_error', message: `invalid x-api-key ${FAKE_ANTHROPIC_API_KEY}` });
    const error = await failure(model.generate({ messages: ASK }));
    expect(error).toMatchObject({ kind: 'client', retryable: false, status: 401 });
    expect(error.message).not.toContain(FAKE_ANTHROPIC_API_KEY);
    expect(inspect(error, { depth: 10 })).not.toContain(FAKE_ANTHROPIC_API_KEY);

    const wrongKey = createAnthropicModel({ apiKey: 'sk-ant-wrong-key-42', baseUrl: fake.url, model: 'claude-test', timeoutMs: 400 });
    const refused = await failure(wrongKey.generate({ messages: ASK }));
    expect(refused).toMatchObject({ kind: 'client', status: 401 });
    expect(inspect(refused, { depth: 10 })).not.toContain('sk-ant-wrong-key-42');
  });
});

describe('anthropic helpers', () => {
  it('parses retry-after in every form the API may use', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(retryAfterSeconds(new Headers({ 'retry-after': '12' }), now)).toBe(12);
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'Tue, 01 Jan 2030 00:00:20 GMT' }), now)).toBe(20);
    expect(retryAfterSeconds(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), now)).toBe(1.5);
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterSeconds(new Headers(), now)).toBeUndefined();
  });

  it('shapes a conversation without user or assistant turns into a valid request', () => {
    expect(toAnthropicConversation([{ role: 'system', content: 'only rules' }, { role: 'user', content: '  ' }])).toEqual({
      system: 'only rules',
      messages: [{ role: 'user', content: OPENING_USER_TURN }],
    });
  });
});
