import { GoogleGenAI, type Content, type EmbedContentResponse } from '@google/genai';
import { GeminiDeadline } from '../router/providers/gemini-deadline.js';
import { toProviderError } from '../router/providers/gemini-errors.js';
import { ProviderError } from '../router/providers/language-model.js';
import { embedInBatches, type BatchLimits } from './embed-batches.js';
import type { Embedder } from './types.js';
import { toUnitVectors } from './unit-vector.js';

export interface GeminiEmbedderOptions {
  apiKey: string;
  /** Defaults to Google's public endpoint; tests point it at a fake server. */
  baseUrl?: string;
  /** Defaults to gemini-embedding-001 (text-embedding-004, which the SDK's examples still name, is retired). */
  model?: string;
  /**
   * Sent as outputDimensionality. Defaults to 768: gemini-embedding-001's 3072 native values
   * cost four times the storage for little retrieval gain (Google suggests 768, 1536 or 3072).
   */
  dimensions?: number;
  /** Per request; defaults to 30 s. */
  timeoutMs?: number;
  /** Texts per request: at most (and by default) batchEmbedContents' 100; tests set it small. */
  maxBatchItems?: number;
  /** Estimated tokens per request (see estimateTokens). */
  maxBatchTokens?: number;
}

export const DEFAULT_GEMINI_EMBEDDING_MODEL = 'gemini-embedding-001';
export const DEFAULT_GEMINI_DIMENSIONS = 768;
/** Passed explicitly so that the SDK never falls back to GOOGLE_GEMINI_BASE_URL: configuration is read in config/ only. */
const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';
const MAX_ITEMS = 100;
const DEFAULT_MAX_TOKENS = 200_000;
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Embeddings through `@google/genai`: ai.models.embedContent, which on the Gemini API is one
 * POST /v1beta/models/{model}:batchEmbedContents carrying one request per text.
 */
export class GeminiEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly model: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly limits: BatchLimits;
  private readonly client: GoogleGenAI;

  constructor(options: GeminiEmbedderOptions) {
    if (!options.apiKey) throw new Error('gemini embedder: an API key is required');
    this.model = options.model ?? DEFAULT_GEMINI_EMBEDDING_MODEL;
    this.id = `gemini:${this.model}`;
    this.dimensions = options.dimensions ?? DEFAULT_GEMINI_DIMENSIONS;
    if (!Number.isInteger(this.dimensions) || this.dimensions < 1) throw new Error('gemini embedder: dimensions must be a positive integer');
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.limits = {
      maxItems: Math.min(options.maxBatchItems ?? MAX_ITEMS, MAX_ITEMS),
      maxTokens: options.maxBatchTokens ?? DEFAULT_MAX_TOKENS,
    };
    this.client = new GoogleGenAI({
      apiKey: options.apiKey,
      // Explicit, or GOOGLE_GENAI_USE_VERTEXAI in the environment would switch backends (and endpoints).
      vertexai: false,
      // No retryOptions: the SDK then makes exactly one attempt per call.
      httpOptions: { baseUrl: options.baseUrl ?? DEFAULT_BASE_URL },
    });
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    return embedInBatches(texts, this.limits, (batch) => this.embedBatch(batch, signal), () => {
      if (signal?.aborted) throw callerAborted();
    });
  }

  private async embedBatch(texts: string[], signal: AbortSignal | undefined): Promise<Float32Array[]> {
    const deadline = new GeminiDeadline(this.timeoutMs, signal);
    let response: EmbedContentResponse;
    try {
      deadline.arm();
      response = await this.client.models.embedContent({
        model: this.model,
        // Contents, not bare strings: for gemini-embedding-2 models the SDK merges a string array
        // into one content with many parts, which comes back as one embedding for all the texts.
        contents: texts.map((text): Content => ({ role: 'user', parts: [{ text }] })),
        config: { outputDimensionality: this.dimensions, abortSignal: deadline.signal },
      });
    } catch (error) {
      throw toProviderError(error, this.apiKey, deadline);
    } finally {
      deadline.dispose();
    }
    if (!Array.isArray(response.embeddings)) throw malformed('batchEmbedContents response without embeddings');
    const values = response.embeddings.map((embedding) => embedding?.values);
    return toUnitVectors(values, { count: texts.length, dimensions: this.dimensions }, malformed);
  }
}

function malformed(what: string): ProviderError {
  return new ProviderError({ provider: 'gemini', kind: 'malformed', retryable: true, message: `gemini: malformed embeddings response: ${what}` });
}

/** Same wording and retryability as a caller abort in flight (gemini-errors.ts): the caller gave up. */
function callerAborted(): ProviderError {
  return new ProviderError({ provider: 'gemini', kind: 'timeout', retryable: false, message: 'gemini request aborted by the caller' });
}
