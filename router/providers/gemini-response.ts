import type { Candidate, GenerateContentResponse, GenerateContentResponseUsageMetadata } from '@google/genai';
import type { FinishReason, Usage } from './language-model.js';

const CONTENT_FILTER_REASONS = new Set([
  'SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII',
  'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION',
]);

export function toFinishReason(reason: string | undefined): FinishReason {
  if (reason === 'STOP') return 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason !== undefined && CONTENT_FILTER_REASONS.has(reason)) return 'content_filter';
  return 'unknown';
}

/**
 * Thinking models count their hidden reasoning apart from the answer, but it is billed as
 * output, so it belongs in outputTokens for cost to come out right.
 */
export function toUsage(meta: GenerateContentResponseUsageMetadata | undefined): Usage {
  const usage: Usage = {};
  if (meta?.promptTokenCount !== undefined) usage.inputTokens = meta.promptTokenCount;
  if (meta?.candidatesTokenCount !== undefined || meta?.thoughtsTokenCount !== undefined) {
    usage.outputTokens = (meta.candidatesTokenCount ?? 0) + (meta.thoughtsTokenCount ?? 0);
  }
  return usage;
}

/** The answer's text; thought summaries are not part of what the member sees. */
export function candidateText(candidate: Candidate | undefined): string {
  let text = '';
  for (const part of candidate?.content?.parts ?? []) {
    if (typeof part.text === 'string' && !part.thought) text += part.text;
  }
  return text;
}

/** Set when Gemini refused the prompt itself: no candidates at all, which is a filter, not a bad body. */
export function promptBlocked(response: GenerateContentResponse): boolean {
  return Boolean(response.promptFeedback?.blockReason);
}
