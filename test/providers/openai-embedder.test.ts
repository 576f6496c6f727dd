import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../router/providers/language-model.js';
import { OpenAiEmbedder, type OpenAiEmbedderOptions } from '../../pilot/openai-embedder.js';
import { sendJson } from '../fakes/fake-http.js';
import { apiError, startFakeOpenAi, type FakeOpenAi } from '../fakes/fake-openai.js';
import { fakeVector } from '../fakes/fake-vector.js';
import { describeEmbedderConformance, type EmbedderProviderHooks } from './embedder-conformance.js';

const KEY = 'sk-test-embed-0123456789SECRET';
const LOCAL_KEY = 'local-server-key-42';
const OK = { kind: 'success', text: '', inputTokens: 1, outputTokens: 1 } as const;

function hooks(fake: FakeOpenAi, provider: string, secret: string): EmbedderProviderHooks {
  return {
    provider,
    secret,
    requestCount: () => fake.requests.length,
    failWith(status) {
      if (status === 500) return fake.next({ kind: 'server-error' });
      // The real API masks most of the key it echoes; the full key here proves the embedder scrubs it.
      fake.answerWith((_req, res) => sendJson(res, 401, apiError(`Incorrect API key provided: ${secret}.`, 'invalid_request_error', 'invalid_api_key')));
    },
    stall: () => fake.next({ kind: 'timeout' }),
    recover: () => fake.next(OK),
    close: () => fake.close(),
  };
}

/** The ProviderError a call must end in. */
const failure = (promise: Promise<unknown>) =>
  promise.then(() => expect.fail('expected a ProviderError'), (e: unknown) => {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  });

describeEmbedderConformance('openai embedder', async ({ maxBatch }) => {
  const fake = await startFakeOpenAi({ apiKey: KEY });
  const embedder = new OpenAiEmbedder({ apiKey: KEY, baseUrl: `${fake.url}/v1`, dimensions: 64, timeoutMs: 2000, maxBatchItems: maxBatch });
  return { embedder, provider: hooks(fake, 'openai', KEY) };
});

describeEmbedderConformance('openai-compatible local embedder', async ({ maxBatch }) => {
  const fake = await startFakeOpenAi();
  const embedder = new OpenAiEmbedder({
    // vLLM and others can require a key of their own, which must be scrubbed as well.
    provider: 'local', apiKey: LOCAL_KEY, baseUrl: `${fake.url}/v1`, model: 'nomic-embed-text', dimensions: 384, timeoutMs: 2000, maxBatchItems: maxBatch,
  });
  return { embedder, provider: hooks(fake, 'local', LOCAL_KEY) };
});

describe('openai embedder specifics (real openai SDK against the fake)', () => {
  let fake: FakeOpenAi;
  const make = (options: Partial<OpenAiEmbedderOptions> = {}) =>
    new OpenAiEmbedder({ apiKey: KEY, baseUrl: `${fake.url}/v1`, timeoutMs: 400, ...options });
  const lastBody = () => fake.requests.at(-1)?.body as Record<string, unknown>;
  beforeAll(async () => {
    fake = await startFakeOpenAi({ apiKey: KEY });
  });
  afterAll(() => fake.close());

  it('POSTs /v1/embeddings with the key, model, float encoding and the texts; id and size from the model', async () => {
    fake.next(OK);
    const embedder = make();
    expect(embedder.id).toBe('openai:text-embedding-3-small');
    expect(embedder.dimensions).toBe(1536);
    const [vector] = await embedder.embed(['hello']);
    const request = fake.requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/embeddings');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    // The native size is not sent: asking for it is pointless, and not every server knows the parameter.
    expect(lastBody()).toEqual({ model: 'text-embedding-3-small', input: ['hello'], encoding_format: 'float' });
    const raw = fakeVector('text-embedding-3-small', 'hello', 1536);
    const norm = Math.hypot(...raw);
    expect(vector![0]).toBeCloseTo(raw[0]! / norm, 6);
  });

  it('asks for shortened vectors with `dimensions`, and refuses sizes the model cannot give', async () => {
    fake.next(OK);
    const [vector] = await make({ model: 'text-embedding-3-large', dimensions: 256 }).embed(['x']);
    expect(vector).toHaveLength(256);
    expect(lastBody()).toMatchObject({ model: 'text-embedding-3-large', dimensions: 256 });
    expect(() => make({ model: 'text-embedding-3-small', dimensions: 4096 })).toThrow(/cannot produce 4096/);
    expect(() => make({ model: 'text-embedding-ada-002', dimensions: 512 })).toThrow(/cannot produce 512/);
    expect(() => make({ model: 'some-local-model' })).toThrow(/set dimensions/);
    expect(() => new OpenAiEmbedder({ baseUrl: `${fake.url}/v1` })).toThrow(/API key is required/);
    expect(() => new OpenAiEmbedder({ provider: 'local' })).toThrow(/base URL is required/);
  });

  it('splits by estimated tokens as well as by count, keeping order', async () => {
    fake.next(OK);
    const before = fake.requests.length;
    // 301 characters estimate at 101 tokens: two of them exceed 200, one and 'd' do not.
    const texts = ['a'.repeat(301), 'b'.repeat(301), 'c'.repeat(301), 'd'];
    const vectors = await make({ dimensions: 8, maxBatchTokens: 200 }).embed(texts);
    expect(fake.requests.length - before).toBe(3);
    expect(fake.requests.slice(before).map((r) => (r.body as { input: string[] }).input.length)).toEqual([1, 1, 2]);
    const [last] = await make({ dimensions: 8 }).embed(['d']);
    expect(Array.from(vectors[3]!)).toEqual(Array.from(last!));
  });

  it('never sends more than 2048 texts in one request', async () => {
    fake.next(OK);
    const before = fake.requests.length;
    const vectors = await make({ dimensions: 4, maxBatchItems: 10_000 }).embed(Array.from({ length: 2049 }, (_, i) => `t${i}`));
    expect(vectors).toHaveLength(2049);
    expect(fake.requests.slice(before).map((r) => (r.body as { input: string[] }).input.length)).toEqual([2048, 1]);
  });

  it('reports 429 as a retryable rate limit with its retry-after', async () => {
    fake.next({ kind: 'rate-limit', retryAfterSeconds: 9 });
    const error = await failure(make().embed(['x']));
    expect(error).toMatchObject({ provider: 'openai', kind: 'rate_limit', status: 429, retryAfter: 9, retryable: true });
  });

  it('times out a server that does not answer', async () => {
    fake.next({ kind: 'timeout' });
    const started = Date.now();
    const error = await failure(make({ timeoutMs: 300 }).embed(['x']));
    expect(error).toMatchObject({ provider: 'openai', kind: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses unreadable bodies, a wrong number of vectors, wrong sizes and zero vectors as malformed', async () => {
    const embedder = make({ dimensions: 3, model: 'local-model', provider: 'local' });
    const answers: Array<[unknown, RegExp]> = [
      [{ object: 'list', data: [{ index: 0, embedding: [1, 0, 0] }] }, /expected 2 vectors, got 1/],
      [{ object: 'list', data: [{ index: 0, embedding: [1, 0] }, { index: 1, embedding: [0, 1] }] }, /has 2 values, expected 3/],
      [{ object: 'list', data: [{ index: 0, embedding: [0, 0, 0] }, { index: 1, embedding: [0, 1, 0] }] }, /all zeros/],
      [{ object: 'list', data: [{ index: 0, embedding: [1, 0, 0] }, { index: 0, embedding: [0, 1, 0] }] }, /repeated index/],
      [{ object: 'list' }, /without a data array/],
    ];
    for (const [body, message] of answers) {
      fake.answerWith((_req, res) => sendJson(res, 200, body));
      const error = await failure(embedder.embed(['a', 'b']));
      expect(error).toMatchObject({ provider: 'local', kind: 'malformed' });
      expect(error.message).toMatch(message);
    }
    fake.next({ kind: 'malformed' });
    expect(await failure(embedder.embed(['a']))).toMatchObject({ kind: 'malformed' });
  });

  it('puts vectors back in input order by their index', async () => {
    fake.answerWith((_req, res) => sendJson(res, 200, {
      object: 'list', data: [{ index: 1, embedding: [0, 2] }, { index: 0, embedding: [3, 0] }], model: 'm', usage: { prompt_tokens: 2, total_tokens: 2 },
    }));
    const vectors = await make({ provider: 'local', model: 'm', dimensions: 2 }).embed(['first', 'second']);
    expect(vectors.map((v) => Array.from(v))).toEqual([[1, 0], [0, 1]]);
  });

  it('reports a connection reset as a network error', async () => {
    fake.answerWith((_req, res) => {
      res.socket?.destroy();
    });
    const error = await failure(make().embed(['x']));
    expect(error).toMatchObject({ provider: 'openai', kind: 'network', retryable: true });
  });
});
