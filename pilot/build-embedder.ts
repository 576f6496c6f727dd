import { GeminiEmbedder } from './gemini-embedder.js';
import { HashingEmbedder } from './hashing-embedder.js';
import { OpenAiEmbedder } from './openai-embedder.js';
import type { Embedder } from './types.js';

export interface EmbedderSettings {
  kind: 'hashing' | 'openai' | 'gemini';
  /** Provider model; each provider embedder has its own default. Ignored by hashing. */
  model?: string;
  /** Vector length; undefined or 0 (PILOT_EMBEDDING_DIMENSIONS' "unset") means the embedder's default. */
  dimensions?: number;
  apiKey?: string;
  /** An OpenAI-compatible server for 'openai' (or a proxy for 'gemini'); defaults to the provider's API. */
  baseUrl?: string;
  /** Per request, for the provider embedders; defaults to 30 s. */
  timeoutMs?: number;
}

/** The Embedder the settings describe. Throws when a provider embedder lacks what it needs (a key). */
export function buildEmbedder(settings: EmbedderSettings): Embedder {
  const dimensions = settings.dimensions || undefined;
  const shared = {
    ...(settings.model ? { model: settings.model } : {}),
    ...(dimensions !== undefined ? { dimensions } : {}),
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
  };
  switch (settings.kind) {
    case 'hashing':
      return new HashingEmbedder(dimensions !== undefined ? { dimensions } : {});
    case 'openai':
      return new OpenAiEmbedder({
        ...shared,
        // OpenAI itself always wants a key, so a base URL without one can only be a local server
        // (Ollama, llama.cpp), and its errors should say so rather than blame OpenAI.
        provider: settings.baseUrl && !settings.apiKey ? 'local' : 'openai',
        ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
      });
    case 'gemini':
      if (!settings.apiKey) throw new Error('gemini embedder: an API key is required');
      return new GeminiEmbedder({ ...shared, apiKey: settings.apiKey });
  }
}
