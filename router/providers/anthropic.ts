import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import { AnthropicDeadline } from './anthropic-deadline.js';
import { toProviderError } from './anthropic-errors.js';
import { fromAnthropicMessage, malformedResponse, toAnthropicConversation, toFinishReason, tokenCount } from './anthropic-wire.js';
import type { FinishReason, GenerateRequest, GenerateResult, LanguageModel, StreamChunk } from './language-model.js';

export interface AnthropicModelOptions {
  apiKey: string;
  /** Where the Messages API lives; the SDK appends `/v1/messages`. */
  baseUrl?: string;
  model: string;
  /** Longest wait for the answer (generate) or between two streamed events (stream). */
  timeoutMs: number;
  /** Anthropic requires a cap on every request; a request's own maxOutputTokens wins. */
  maxOutputTokens?: number;
}

const DEFAULT_BASE_URL = 'https://api.anthropic.com';
const DEFAULT_MAX_OUTPUT_TOKENS = 1024;

/** A LanguageModel over Anthropic's Messages API, through the official SDK. */
export function createAnthropicModel(options: AnthropicModelOptions): LanguageModel {
  const client = new Anthropic({
    apiKey: options.apiKey,
    // Always explicit, so the SDK never picks ANTHROPIC_BASE_URL up from the environment.
    baseURL: options.baseUrl ?? DEFAULT_BASE_URL,
    timeout: options.timeoutMs,
    // Retries and fallback belong to the router, which sees every attempt.
    maxRetries: 0,
    // Failures reach the caller as ProviderErrors; the SDK printing them too would be noise.
    logLevel: 'off',
  });

  const params = (req: GenerateRequest): MessageCreateParamsBase => {
    const { system, messages } = toAnthropicConversation(req.messages);
    return {
      model: options.model,
      max_tokens: req.maxOutputTokens ?? options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
      messages,
      ...(system !== undefined ? { system } : {}),
    };
  };

  async function generate(req: GenerateRequest): Promise<GenerateResult> {
    const deadline = new AnthropicDeadline(req.signal, options.timeoutMs);
    try {
      const message = await client.messages.create({ ...params(req), stream: false }, { signal: deadline.signal });
      return fromAnthropicMessage(message);
    } catch (error) {
      throw toProviderError(error, deadline, options.apiKey);
    } finally {
      deadline.dispose();
    }
  }

  async function* stream(req: GenerateRequest): AsyncGenerator<StreamChunk> {
    const deadline = new AnthropicDeadline(req.signal, options.timeoutMs);
    try {
      const events = await client.messages.create({ ...params(req), stream: true }, { signal: deadline.signal });
      let inputTokens: number | undefined;
      let outputTokens: number | undefined;
      let finishReason: FinishReason = 'unknown';
      for await (const event of events) {
        deadline.progress();
        switch (event.type) {
          case 'message_start':
            inputTokens = tokenCount(event.message?.usage?.input_tokens);
            outputTokens = tokenCount(event.message?.usage?.output_tokens);
            break;
          case 'content_block_delta':
            if (event.delta?.type === 'text_delta' && event.delta.text) {
              deadline.pause();
              yield { type: 'text', text: event.delta.text };
              deadline.progress();
            }
            break;
          case 'message_delta':
            finishReason = toFinishReason(event.delta?.stop_reason);
            // Counts in message_delta are cumulative, so they replace the opening ones.
            inputTokens = tokenCount(event.usage?.input_tokens) ?? inputTokens;
            outputTokens = tokenCount(event.usage?.output_tokens) ?? outputTokens;
            break;
          case 'message_stop':
            yield { type: 'done', finishReason, usage: { inputTokens, outputTokens } };
            return;
        }
      }
      // The SDK ends an aborted stream quietly, so an end without message_stop needs explaining.
      if (deadline.timedOut || deadline.cancelledByCaller) throw new Error('stream aborted');
      throw malformedResponse('stream ended before message_stop');
    } catch (error) {
      throw toProviderError(error, deadline, options.apiKey);
    } finally {
      deadline.dispose();
    }
  }

  return { provider: 'anthropic', model: options.model, generate, stream };
}
