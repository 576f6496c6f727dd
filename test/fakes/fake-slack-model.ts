import type { GenerateRequest, GenerateResult, LanguageModel, StreamChunk } from '../../router/providers/language-model.js';

/**
 * A LanguageModel double for the Slack tests: streams a scripted answer in pieces on the real
 * clock (edits are throttled in wall-clock time) and keeps every request it was given.
 */
export class StreamingModel implements LanguageModel {
  readonly provider = 'fake';
  readonly model = 'streamer';
  readonly requests: GenerateRequest[] = [];
  answer = 'Hello from the fake model.';
  pieces = 5;
  pieceDelayMs = 20;

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    let text = '';
    for await (const chunk of this.stream(req)) if (chunk.type === 'text') text += chunk.text;
    return { text, finishReason: 'stop', usage: {} };
  }

  async *stream(req: GenerateRequest): AsyncIterable<StreamChunk> {
    this.requests.push(req);
    const { answer, pieces, pieceDelayMs } = this;
    const size = Math.ceil(answer.length / pieces);
    for (let at = 0; at < answer.length; at += size) {
      await new Promise((resolve) => setTimeout(resolve, pieceDelayMs));
      yield { type: 'text', text: answer.slice(at, at + size) };
    }
    yield { type: 'done', finishReason: 'stop', usage: { inputTokens: 40, outputTokens: 20 } };
  }
}
