import type { FinishReason, GenerateResult, Usage } from './language-model.js';
import { malformed, type ErrorContext } from './openai-errors.js';

/*
 * The SDK's types promise ChatCompletion shapes, but at runtime it hands back whatever parsed:
 * a string for a non-JSON 200, undefined for an empty body, an object without choices from a
 * half-compatible local server. So everything here reads `unknown` and checks before trusting.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A non-streaming chat.completion body as one normalized result. */
export function readCompletion(body: unknown, context: ErrorContext): GenerateResult {
  if (!isObject(body) || !Array.isArray(body.choices)) throw malformed(context, 'no choices in completion');
  const choice: unknown = body.choices[0];
  if (!isObject(choice) || !isObject(choice.message)) throw malformed(context, 'no message in first choice');
  const text = textOf(choice.message);
  if (text === undefined) throw malformed(context, 'message content is not text');
  return { text, finishReason: toFinishReason(choice.finish_reason), usage: toUsage(body.usage) };
}

/** What one chat.completion.chunk adds to a streamed answer; each field only when the chunk carries it. */
export interface ChunkContent {
  text?: string;
  finishReason?: FinishReason;
  usage?: Usage;
}

export function readChunk(chunk: unknown, context: ErrorContext): ChunkContent {
  if (!isObject(chunk) || !Array.isArray(chunk.choices)) throw malformed(context, 'stream chunk without choices');
  const content: ChunkContent = {};
  // The usage chunk has no choices at all; some local servers also put usage on the finishing chunk.
  if (isObject(chunk.usage)) content.usage = toUsage(chunk.usage);
  const choice: unknown = chunk.choices[0];
  if (!isObject(choice)) return content;
  if (isObject(choice.delta)) {
    const text = textOf(choice.delta);
    if (text === undefined) throw malformed(context, 'delta content is not text');
    if (text) content.text = text;
  }
  if (choice.finish_reason !== null && choice.finish_reason !== undefined) content.finishReason = toFinishReason(choice.finish_reason);
  return content;
}

export function toFinishReason(reason: unknown): FinishReason {
  switch (reason) {
    case 'stop':
    case 'length':
    case 'content_filter':
      return reason;
    default:
      // tool_calls, function_call, and whatever a local server invents.
      return 'unknown';
  }
}

export function toUsage(usage: unknown): Usage {
  const result: Usage = {};
  if (!isObject(usage)) return result;
  if (typeof usage.prompt_tokens === 'number') result.inputTokens = usage.prompt_tokens;
  if (typeof usage.completion_tokens === 'number') result.outputTokens = usage.completion_tokens;
  return result;
}

/** Content, or the refusal the model gave instead (which is what the member should see); undefined when neither is text. */
function textOf(message: Json): string | undefined {
  const { content, refusal } = message;
  if (typeof content === 'string' && content) return content;
  if (typeof refusal === 'string' && refusal) return refusal;
  const absent = (v: unknown) => v === null || v === undefined || v === '';
  return absent(content) && absent(refusal) ? '' : undefined;
}
