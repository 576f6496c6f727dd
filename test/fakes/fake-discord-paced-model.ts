import type { ChatMessage } from '../../router/chat-turn.js';
import { ProviderError, type GenerateRequest, type GenerateResult, type LanguageModel, type StreamChunk } from '../../router/providers/language-model.js';

/** One call's script: stream `text` in `pieces` parts, `delayMs` apart in real time; optionally fail after `failAfter` parts. */
export interface PacedStep {
  text: string;
  pieces?: number;
  delayMs?: number;
  failAfter?: number;
}

/**
 * A LanguageModel for the Discord tests: it streams in real time (so throttled edits can be seen
 * on the wire) and records the messages of every request (so history can be asserted). Steps are
 * used one per call; the last repeats.
 */
export class PacedModel implements LanguageModel {
  readonly provider = 'paced';
  readonly requests: ChatMessage[][] = [];

  constructor(readonly model: string, private readonly steps: PacedStep[]) {}

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    let text = '';
    for await (const chunk of this.stream(req)) if (chunk.type === 'text') text += chunk.text;
    return { text, finishReason: 'stop', usage: {} };
  }

  async *stream(req: GenerateRequest): AsyncIterable<StreamChunk> {
    const step = this.steps[Math.min(this.requests.length, this.steps.length - 1)]!;
    this.requests.push(req.messages);
    const count = Math.max(1, step.pieces ?? 1);
    const size = Math.ceil(step.text.length / count);
    for (let i = 0; i < count; i++) {
      if (step.failAfter === i) {
        throw new ProviderError({ provider: this.provider, kind: 'server', status: 500, message: 'paced model failed mid-stream', retryable: false });
      }
      if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
      yield { type: 'text', text: step.text.slice(i * size, (i + 1) * size) };
    }
    yield { type: 'done', finishReason: 'stop', usage: { inputTokens: 50, outputTokens: Math.ceil(step.text.length / 4) } };
  }
}
