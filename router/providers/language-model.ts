import type { ChatMessage } from '../chat-turn.js';

export interface GenerateRequest {
  messages: ChatMessage[];
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'error' | 'unknown';

/** Token counts as the provider reported them; a provider that does not report leaves them undefined. */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
}

export interface GenerateResult {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
}

/** One piece of a streamed answer; the last chunk carries the finish reason and usage. */
export type StreamChunk =
  | { type: 'text'; text: string }
  | { type: 'done'; finishReason: FinishReason; usage: Usage };

/** The one vocabulary every provider speaks (DESIGN.md, "Providers"). Retries live in the router, never here. */
export interface LanguageModel {
  /** Provider family, e.g. 'openai', 'anthropic', 'gemini', 'local', 'simulated'. */
  readonly provider: string;
  readonly model: string;
  generate(req: GenerateRequest): Promise<GenerateResult>;
  stream(req: GenerateRequest): AsyncIterable<StreamChunk>;
}

export class ProviderError extends Error {
  readonly provider: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  /** Seconds the provider asked us to wait before retrying, when it said so. */
  readonly retryAfter: number | undefined;
  readonly kind: 'timeout' | 'rate_limit' | 'server' | 'client' | 'network' | 'malformed';

  constructor(init: {
    provider: string;
    message: string;
    kind: ProviderError['kind'];
    status?: number;
    retryable: boolean;
    retryAfter?: number;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.name = 'ProviderError';
    this.provider = init.provider;
    this.kind = init.kind;
    this.status = init.status;
    this.retryable = init.retryable;
    this.retryAfter = init.retryAfter;
  }
}
