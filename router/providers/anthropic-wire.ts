import type { Message, MessageParam, StopReason } from '@anthropic-ai/sdk/resources/messages';
import type { ChatMessage } from '../chat-turn.js';
import { ProviderError, type FinishReason, type GenerateResult } from './language-model.js';

/**
 * Stands in for the opening user turn when a conversation starts with the assistant (or has no
 * turns at all): the Messages API rejects both, and inventing a turn loses less than dropping one.
 */
export const OPENING_USER_TURN = '(continuing an earlier conversation)';

export interface AnthropicConversation {
  system: string | undefined;
  messages: MessageParam[];
}

/**
 * Splits a conversation the way the Messages API wants it: system prompts apart, then strictly
 * alternating user/assistant turns opening with the user. Consecutive same-role messages are
 * merged rather than dropped; blank ones are skipped because the API rejects empty text.
 */
export function toAnthropicConversation(messages: ChatMessage[]): AnthropicConversation {
  const systemParts: string[] = [];
  const turns: Array<{ role: 'user' | 'assistant'; content: string }> = [];
  for (const message of messages) {
    if (!message.content.trim()) continue;
    if (message.role === 'system') {
      systemParts.push(message.content);
      continue;
    }
    const last = turns.at(-1);
    if (last?.role === message.role) last.content += `\n\n${message.content}`;
    else turns.push({ role: message.role, content: message.content });
  }
  if (turns[0]?.role !== 'user') turns.unshift({ role: 'user', content: OPENING_USER_TURN });
  return { system: systemParts.length ? systemParts.join('\n\n') : undefined, messages: turns };
}

export function toFinishReason(reason: StopReason | string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    // Both cut the answer off at a limit; the context window is just not one we set.
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'refusal':
      return 'content_filter';
    default:
      return 'unknown';
  }
}

export function malformedResponse(message: string): ProviderError {
  return new ProviderError({ provider: 'anthropic', kind: 'malformed', retryable: true, message: `anthropic: ${message}` });
}

/** Reads a non-streamed Message, refusing one without the parts every answer must have. */
export function fromAnthropicMessage(message: Message | null | undefined): GenerateResult {
  if (!message || typeof message !== 'object' || !Array.isArray(message.content)) {
    throw malformedResponse('response has no content');
  }
  const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
  return {
    text,
    finishReason: toFinishReason(message.stop_reason),
    usage: {
      inputTokens: tokenCount(message.usage?.input_tokens),
      outputTokens: tokenCount(message.usage?.output_tokens),
    },
  };
}

export function tokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
