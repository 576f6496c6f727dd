import type OpenAI from 'openai';
import type {
  ChatCompletionCreateParamsBase, ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { ChatMessage } from '../chat-turn.js';
import {
  ProviderError, type FinishReason, type GenerateRequest, type GenerateResult, type LanguageModel, type StreamChunk, type Usage,
} from './language-model.js';
import { createOpenAiClient } from './openai-client.js';
import { aborted, malformed, toProviderError, type ErrorContext } from './openai-errors.js';
import { readChunk, readCompletion } from './openai-response.js';

export interface OpenAiModelOptions {
  /** 'local' is any OpenAI-compatible server (Ollama, vLLM, llama.cpp) reached through the same SDK. */
  provider?: 'openai' | 'local';
  /** Required for 'openai'; optional for 'local', whose servers mostly ignore it. */
  apiKey?: string;
  /** Required for 'local'; defaults to OpenAI's own API for 'openai'. */
  baseUrl?: string;
  model: string;
  /**
   * How long to wait for the response to start, and then for each next piece of a stream:
   * the SDK's own timeout stops counting once headers arrive, which would let a stalled
   * stream hang forever.
   */
  timeoutMs: number;
}

export function createOpenAiModel(options: OpenAiModelOptions): LanguageModel {
  return new OpenAiModel(options);
}

class OpenAiModel implements LanguageModel {
  readonly provider: 'openai' | 'local';
  readonly model: string;
  private readonly client: OpenAI;
  private readonly context: ErrorContext;
  private readonly timeoutMs: number;

  constructor(options: OpenAiModelOptions) {
    this.provider = options.provider ?? 'openai';
    this.model = options.model;
    this.timeoutMs = options.timeoutMs;
    if (this.provider === 'openai' && !options.apiKey) throw new Error('openai: an API key is required');
    if (this.provider === 'local' && !options.baseUrl) throw new Error('local: a base URL is required');
    this.context = { provider: this.provider, apiKey: options.apiKey };
    this.client = createOpenAiClient(options);
  }

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    if (req.signal?.aborted) throw aborted(this.context);
    let body: unknown;
    try {
      body = await this.client.chat.completions.create({ ...this.params(req), stream: false }, { signal: req.signal });
    } catch (error) {
      throw this.failure(error, req);
    }
    return readCompletion(body, this.context);
  }

  async *stream(req: GenerateRequest): AsyncIterable<StreamChunk> {
    if (req.signal?.aborted) throw aborted(this.context);
    let response;
    try {
      response = await this.client.chat.completions.create(
        { ...this.params(req), stream: true, stream_options: { include_usage: true } },
        { signal: req.signal },
      );
    } catch (error) {
      throw this.failure(error, req);
    }
    const pieces = response[Symbol.asyncIterator]();
    let finishReason: FinishReason | undefined;
    let usage: Usage = {};
    try {
      for (;;) {
        let next: IteratorResult<unknown>;
        try {
          next = await this.nextWithin(pieces, response.controller);
        } catch (error) {
          throw this.failure(error, req);
        }
        // The SDK ends an aborted stream quietly, which must not pass for a complete answer.
        if (req.signal?.aborted) throw aborted(this.context);
        if (next.done) break;
        const content = readChunk(next.value, this.context);
        if (content.usage) usage = content.usage;
        if (content.finishReason) finishReason = content.finishReason;
        if (content.text) yield { type: 'text', text: content.text };
      }
    } finally {
      // A consumer that stops early must not leave the request running.
      await pieces.return?.();
    }
    if (!finishReason) throw malformed(this.context, 'stream ended without a finish reason');
    yield { type: 'done', finishReason, usage };
  }

  private params(req: GenerateRequest): ChatCompletionCreateParamsBase {
    const params: ChatCompletionCreateParamsBase = { model: this.model, messages: req.messages.map(toMessageParam) };
    if (req.maxOutputTokens !== undefined) {
      // OpenAI deprecated max_tokens (reasoning models reject it); local servers mostly know only max_tokens.
      if (this.provider === 'openai') params.max_completion_tokens = req.maxOutputTokens;
      else params.max_tokens = req.maxOutputTokens;
    }
    return params;
  }

  /** The next stream piece, or a timeout if the server goes quiet for longer than timeoutMs. */
  private async nextWithin<T>(pieces: AsyncIterator<T>, controller: AbortController): Promise<IteratorResult<T>> {
    let stalled = false;
    const timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, this.timeoutMs);
    const stallError = () => new ProviderError({
      provider: this.provider, kind: 'timeout', retryable: true, message: `${this.provider}: stream stalled for ${this.timeoutMs} ms`,
    });
    try {
      const next = await pieces.next();
      if (stalled) throw stallError();
      return next;
    } catch (error) {
      throw stalled ? stallError() : error;
    } finally {
      clearTimeout(timer);
    }
  }

  private failure(error: unknown, req: GenerateRequest): ProviderError {
    return req.signal?.aborted ? aborted(this.context) : toProviderError(error, this.context);
  }
}

function toMessageParam(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: message.content };
    case 'assistant':
      return { role: 'assistant', content: message.content };
  }
}
