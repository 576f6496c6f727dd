import type OpenAI from 'openai';
import type { EmbeddingCreateParams } from 'openai/resources/embeddings';
import type { ProviderError } from '../router/providers/language-model.js';
import { createOpenAiClient } from '../router/providers/openai-client.js';
import { aborted, malformed, toProviderError, type ErrorContext } from '../router/providers/openai-errors.js';
import { embedInBatches, type BatchLimits } from './embed-batches.js';
import type { Embedder } from './types.js';
import { toUnitVectors } from './unit-vector.js';

export interface OpenAiEmbedderOptions {
  /** 'local' is any OpenAI-compatible server (Ollama, vLLM, llama.cpp); it only changes what errors are called. */
  provider?: 'openai' | 'local';
  /** Required for 'openai'; optional for 'local', whose servers mostly ignore it. */
  apiKey?: string;
  /** Required for 'local'; defaults to OpenAI's own API for 'openai'. */
  baseUrl?: string;
  /** Defaults to text-embedding-3-small. */
  model?: string;
  /**
   * Vector size. Defaults to the native size of OpenAI's models; required for any other model,
   * since a vector store has to know it before the first vector arrives.
   */
  dimensions?: number;
  /** Per request; defaults to 30 s. */
  timeoutMs?: number;
  /** Texts per request: at most (and by default) OpenAI's 2048; tests set it small to force several requests. */
  maxBatchItems?: number;
  /** Estimated tokens per request (see estimateTokens); OpenAI refuses requests over 300k tokens. */
  maxBatchTokens?: number;
}

export const DEFAULT_OPENAI_EMBEDDING_MODEL = 'text-embedding-3-small';
const MAX_ITEMS = 2048;
const DEFAULT_MAX_TOKENS = 200_000;
const DEFAULT_TIMEOUT_MS = 30_000;

/** Native sizes; text-embedding-3 models can shorten theirs on request, ada-002 cannot. */
const NATIVE_DIMENSIONS: Record<string, { dimensions: number; shortens: boolean }> = {
  'text-embedding-3-small': { dimensions: 1536, shortens: true },
  'text-embedding-3-large': { dimensions: 3072, shortens: true },
  'text-embedding-ada-002': { dimensions: 1536, shortens: false },
};

/** Embeddings through the official `openai` SDK: POST {baseUrl}/embeddings, floats, in batches. */
export class OpenAiEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly model: string;
  private readonly client: OpenAI;
  private readonly context: ErrorContext;
  private readonly limits: BatchLimits;
  /** Sent only to shorten a model that can; other servers may reject a parameter they do not know. */
  private readonly requestedDimensions: number | undefined;

  constructor(options: OpenAiEmbedderOptions) {
    const provider = options.provider ?? 'openai';
    if (provider === 'openai' && !options.apiKey) throw new Error('openai embedder: an API key is required');
    if (provider === 'local' && !options.baseUrl) throw new Error('local embedder: a base URL is required');
    this.model = options.model ?? DEFAULT_OPENAI_EMBEDDING_MODEL;
    this.id = `openai:${this.model}`;
    const native = NATIVE_DIMENSIONS[this.model];
    const dimensions = options.dimensions ?? native?.dimensions;
    if (dimensions === undefined) {
      throw new Error(`${provider} embedder: set dimensions to the vector size of ${this.model}`);
    }
    if (!Number.isInteger(dimensions) || dimensions < 1) throw new Error(`${provider} embedder: dimensions must be a positive integer`);
    if (native && dimensions !== native.dimensions && (!native.shortens || dimensions > native.dimensions)) {
      throw new Error(`${provider} embedder: ${this.model} cannot produce ${dimensions}-dimensional vectors`);
    }
    this.dimensions = dimensions;
    this.requestedDimensions = native && dimensions !== native.dimensions ? dimensions : undefined;
    this.limits = {
      maxItems: Math.min(options.maxBatchItems ?? MAX_ITEMS, MAX_ITEMS),
      maxTokens: options.maxBatchTokens ?? DEFAULT_MAX_TOKENS,
    };
    this.context = { provider, apiKey: options.apiKey };
    this.client = createOpenAiClient({ ...options, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    return embedInBatches(texts, this.limits, (batch) => this.embedBatch(batch, signal), () => {
      if (signal?.aborted) throw aborted(this.context);
    });
  }

  private async embedBatch(input: string[], signal: AbortSignal | undefined): Promise<Float32Array[]> {
    const params: EmbeddingCreateParams = {
      model: this.model,
      input,
      // Without it the SDK asks for base64 and decodes it, which OpenAI-compatible servers do not all support.
      encoding_format: 'float',
      ...(this.requestedDimensions !== undefined ? { dimensions: this.requestedDimensions } : {}),
    };
    let response: unknown;
    try {
      response = await this.client.embeddings.create(params, { signal });
    } catch (error) {
      throw this.failure(error, signal);
    }
    return toUnitVectors(readVectors(response, this.context), { count: input.length, dimensions: this.dimensions }, (what) =>
      malformed(this.context, what),
    );
  }

  private failure(error: unknown, signal: AbortSignal | undefined): ProviderError {
    return signal?.aborted ? aborted(this.context) : toProviderError(error, this.context);
  }
}

/** The vectors of an embeddings response, in input order (by `index`, which the API gives every item). */
function readVectors(response: unknown, context: ErrorContext): unknown[] {
  const data = (response as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw malformed(context, 'embeddings response without a data array');
  const vectors: unknown[] = new Array(data.length);
  const seen = new Set<number>();
  data.forEach((item: unknown, position) => {
    const { index, embedding } = (item ?? {}) as { index?: unknown; embedding?: unknown };
    // Some compatible servers leave index out; their order is then the input order.
    const at = index === undefined ? position : index;
    if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at >= data.length || seen.has(at)) {
      throw malformed(context, `embedding ${position} has a missing or repeated index`);
    }
    seen.add(at);
    vectors[at] = embedding;
  });
  return vectors;
}
