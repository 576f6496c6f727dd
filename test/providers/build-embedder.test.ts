import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmbedder } from '../../pilot/build-embedder.js';
import { GeminiEmbedder } from '../../pilot/gemini-embedder.js';
import { HashingEmbedder } from '../../pilot/hashing-embedder.js';
import { OpenAiEmbedder } from '../../pilot/openai-embedder.js';
import { ProviderError } from '../../router/providers/language-model.js';
import { FAKE_GEMINI_API_KEY, startFakeGemini, type FakeGemini } from '../fakes/fake-gemini.js';
import { startFakeOpenAi, type FakeOpenAi } from '../fakes/fake-openai.js';

describe('buildEmbedder', () => {
  let openai: FakeOpenAi;
  let gemini: FakeGemini;
  beforeAll(async () => {
    [openai, gemini] = await Promise.all([startFakeOpenAi({ apiKey: 'sk-build' }), startFakeGemini()]);
  });
  afterAll(() => Promise.all([openai.close(), gemini.close()]));

  it('builds the hashing embedder, 0 dimensions meaning its default', () => {
    const embedder = buildEmbedder({ kind: 'hashing', dimensions: 0 });
    expect(embedder).toBeInstanceOf(HashingEmbedder);
    expect(embedder.dimensions).toBe(new HashingEmbedder().dimensions);
    expect(buildEmbedder({ kind: 'hashing', dimensions: 128 }).dimensions).toBe(128);
  });

  it('builds the OpenAI embedder with its defaults, or the model and size asked for', async () => {
    const embedder = buildEmbedder({ kind: 'openai', apiKey: 'sk-build', baseUrl: `${openai.url}/v1`, dimensions: 0 });
    expect(embedder).toBeInstanceOf(OpenAiEmbedder);
    expect(embedder).toMatchObject({ id: 'openai:text-embedding-3-small', dimensions: 1536 });
    const large = buildEmbedder({ kind: 'openai', apiKey: 'sk-build', baseUrl: `${openai.url}/v1`, model: 'text-embedding-3-large', dimensions: 512 });
    expect(large).toMatchObject({ id: 'openai:text-embedding-3-large', dimensions: 512 });
    expect((await large.embed(['hi']))[0]).toHaveLength(512);
    expect(() => buildEmbedder({ kind: 'openai' })).toThrow(/API key is required/);
  });

  it('treats a base URL without a key as a local OpenAI-compatible server', async () => {
    const local = await startFakeOpenAi();
    try {
      local.next({ kind: 'server-error' });
      const embedder = buildEmbedder({ kind: 'openai', baseUrl: `${local.url}/v1`, model: 'all-minilm', dimensions: 384 });
      expect(embedder.id).toBe('openai:all-minilm');
      const error = await embedder.embed(['x']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ provider: 'local', status: 500 });
    } finally {
      await local.close();
    }
  });

  it('builds the Gemini embedder, which needs a key', async () => {
    const embedder = buildEmbedder({ kind: 'gemini', apiKey: FAKE_GEMINI_API_KEY, baseUrl: gemini.url, timeoutMs: 1000 });
    expect(embedder).toBeInstanceOf(GeminiEmbedder);
    expect(embedder).toMatchObject({ id: 'gemini:gemini-embedding-001', dimensions: 768 });
    expect((await embedder.embed(['hi']))[0]).toHaveLength(768);
    expect(buildEmbedder({ kind: 'gemini', apiKey: 'k', model: 'text-embedding-004', dimensions: 256 })).toMatchObject({ id: 'gemini:text-embedding-004', dimensions: 256 });
    expect(() => buildEmbedder({ kind: 'gemini' })).toThrow(/API key is required/);
  });
});
