import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeminiEmbedder, type GeminiEmbedderOptions } from '../../pilot/gemini-embedder.js';
import { ProviderError } from '../../router/providers/language-model.js';
import { sendJson, startFakeHttp } from '../fakes/fake-http.js';
import { FAKE_GEMINI_API_KEY, startFakeGemini, type FakeGemini } from '../fakes/fake-gemini.js';
import { fakeVector } from '../fakes/fake-vector.js';
import { describeEmbedderConformance } from './embedder-conformance.js';

const OK = { kind: 'success', text: '', inputTokens: 1, outputTokens: 1 } as const;
const BATCH_PATH = '/v1beta/models/gemini-embedding-001:batchEmbedContents';

/** The ProviderError a call must end in. */
const failure = (promise: Promise<unknown>) =>
  promise.then(() => expect.fail('expected a ProviderError'), (e: unknown) => {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  });

describeEmbedderConformance('gemini embedder', async ({ maxBatch }) => {
  const fake = await startFakeGemini();
  const embedder = new GeminiEmbedder({ apiKey: FAKE_GEMINI_API_KEY, baseUrl: fake.url, dimensions: 64, timeoutMs: 2000, maxBatchItems: maxBatch });
  return {
    embedder,
    provider: {
      provider: 'gemini',
      secret: FAKE_GEMINI_API_KEY,
      requestCount: () => fake.requests.length,
      failWith(status) {
        if (status === 500) return fake.next({ kind: 'server-error' });
        // Echoes the key back, as a proxy might, so that scrubbing is tested too.
        fake.next({ kind: 'error', status: 401, googleStatus: 'UNAUTHENTICATED', message: 'Request had invalid authentication credentials: {key}' });
      },
      stall: () => fake.next({ kind: 'timeout' }),
      recover: () => fake.next(OK),
      close: () => fake.close(),
    },
  };
});

describe('gemini embedder specifics (real @google/genai against the fake)', () => {
  let fake: FakeGemini;
  const make = (options: Partial<GeminiEmbedderOptions> = {}) =>
    new GeminiEmbedder({ apiKey: FAKE_GEMINI_API_KEY, baseUrl: fake.url, timeoutMs: 400, ...options });
  const lastBody = () => fake.requests.at(-1)?.body as { requests: Array<Record<string, unknown>> };
  beforeAll(async () => {
    fake = await startFakeGemini();
  });
  afterAll(() => fake.close());

  it('calls batchEmbedContents with one request per text, the key in a header, and outputDimensionality', async () => {
    fake.next(OK);
    const embedder = make();
    expect(embedder.id).toBe('gemini:gemini-embedding-001');
    expect(embedder.dimensions).toBe(768);
    const vectors = await embedder.embed(['one', 'two']);
    const request = fake.requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(BATCH_PATH);
    expect(request.headers['x-goog-api-key']).toBe(FAKE_GEMINI_API_KEY);
    expect(lastBody()).toEqual({
      requests: ['one', 'two'].map((text) => ({
        content: { role: 'user', parts: [{ text }] }, outputDimensionality: 768, model: 'models/gemini-embedding-001',
      })),
    });
    const raw = fakeVector('gemini-embedding-001', 'two', 768);
    expect(vectors[1]![5]).toBeCloseTo(raw[5]! / Math.hypot(...raw), 6);
  });

  it('keeps one vector per text on gemini-embedding-2 models, which the SDK would merge given bare strings', async () => {
    fake.next(OK);
    const vectors = await make({ model: 'gemini-embedding-2-preview', dimensions: 32 }).embed(['alpha', 'beta', 'gamma']);
    expect(vectors).toHaveLength(3);
    expect(fake.requests.at(-1)!.path).toBe('/v1beta/models/gemini-embedding-2-preview:batchEmbedContents');
    expect(lastBody().requests).toHaveLength(3);
  });

  it('never sends more than 100 texts in one request', async () => {
    fake.next(OK);
    const before = fake.requests.length;
    const vectors = await make({ dimensions: 4, maxBatchItems: 500 }).embed(Array.from({ length: 101 }, (_, i) => `t${i}`));
    expect(vectors).toHaveLength(101);
    expect(fake.requests.slice(before).map((r) => (r.body as { requests: unknown[] }).requests.length)).toEqual([100, 1]);
  });

  it('surfaces the API refusing a request (too large a size) as a client error, not retried', async () => {
    fake.next(OK);
    const error = await failure(make({ dimensions: 4096 }).embed(['x']));
    expect(error).toMatchObject({ provider: 'gemini', kind: 'client', status: 400, retryable: false });
    expect(error.message).toMatch(/INVALID_ARGUMENT.*output_dimensionality/);
  });

  it('reports an invalid key without repeating it', async () => {
    const error = await failure(make({ apiKey: 'AIzaSyWRONG-key-000000000000000000000000' }).embed(['x']));
    expect(error).toMatchObject({ provider: 'gemini', kind: 'client', status: 400 });
    expect(error.message).toContain('API key not valid');
    expect(error.message).not.toContain('AIzaSyWRONG');
  });

  it('reports 429 with RetryInfo as a retryable rate limit', async () => {
    fake.next({ kind: 'rate-limit', retryAfterSeconds: 11 });
    const error = await failure(make().embed(['x']));
    expect(error).toMatchObject({ provider: 'gemini', kind: 'rate_limit', status: 429, retryAfter: 11, retryable: true });
  });

  it('times out a server that does not answer', async () => {
    fake.next({ kind: 'timeout' });
    const started = Date.now();
    const error = await failure(make({ timeoutMs: 300 }).embed(['x']));
    expect(error).toMatchObject({ provider: 'gemini', kind: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses unreadable bodies, missing embeddings, a wrong count and wrong sizes as malformed', async () => {
    const embedder = make({ dimensions: 2 });
    const answers: Array<[unknown, RegExp]> = [
      [{}, /without embeddings/],
      [{ embeddings: [{ values: [1, 0] }] }, /expected 2 vectors, got 1/],
      [{ embeddings: [{ values: [1, 0] }, { values: [1, 0, 0] }] }, /has 3 values, expected 2/],
      [{ embeddings: [{ values: [1, 0] }, {}] }, /not an array/],
    ];
    const original = fake.requests.length;
    for (const [body, message] of answers) {
      // A bare server: the fake itself never gives these answers.
      const server = await startFakeHttp((_req, res) => sendJson(res, 200, body));
      try {
        const error = await failure(new GeminiEmbedder({ apiKey: FAKE_GEMINI_API_KEY, baseUrl: server.url, dimensions: 2 }).embed(['a', 'b']));
        expect(error).toMatchObject({ provider: 'gemini', kind: 'malformed' });
        expect(error.message).toMatch(message);
      } finally {
        await server.close();
      }
    }
    expect(fake.requests.length).toBe(original);
    fake.next({ kind: 'malformed' });
    expect(await failure(embedder.embed(['a']))).toMatchObject({ provider: 'gemini', kind: 'malformed' });
  });

  it('also serves embedContent, the single-text method, from the fake', async () => {
    fake.next(OK);
    const response = await fetch(`${fake.url}/v1beta/models/gemini-embedding-001:embedContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': FAKE_GEMINI_API_KEY },
      body: JSON.stringify({ content: { parts: [{ text: 'solo' }] }, outputDimensionality: 8 }),
    });
    expect(await response.json()).toEqual({ embedding: { values: fakeVector('gemini-embedding-001', 'solo', 8) } });
  });

  it('rejects configuration it cannot use', () => {
    expect(() => new GeminiEmbedder({ apiKey: '' })).toThrow(/API key is required/);
    expect(() => make({ dimensions: 0 })).toThrow(/positive integer/);
  });
});
