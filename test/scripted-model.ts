import type { Clock } from '../router/clock.js';
import { ProviderError, type GenerateRequest, type GenerateResult, type LanguageModel, type StreamChunk } from '../router/providers/language-model.js';

/** What a scripted model does on one call: answer (after some time) or fail with an error. */
export type Step = { answer: string; ms?: number } | { fail: ProviderError['kind']; status?: number; retryAfter?: number; retryable?: boolean };

/**
 * A LanguageModel that follows a script, one step per call (the last step repeats), on an injected
 * clock: for router tests that need exact failures, retry-afters and latencies.
 */
export class ScriptedModel implements LanguageModel {
  readonly provider = 'scripted';
  calls = 0;
  constructor(readonly model: string, private readonly steps: Step[], private readonly clock: Clock) {}

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    let text = '';
    for await (const c of this.stream(req)) if (c.type === 'text') text += c.text;
    return { text, finishReason: 'stop', usage: {} };
  }

  async *stream(_req?: GenerateRequest): AsyncIterable<StreamChunk> {
    const step = this.steps[Math.min(this.calls++, this.steps.length - 1)]!;
    if ('fail' in step) {
      throw new ProviderError({
        provider: this.provider, kind: step.fail, message: `scripted ${step.fail}`, retryable: step.retryable ?? step.fail !== 'client',
        ...(step.status !== undefined ? { status: step.status } : {}), ...(step.retryAfter !== undefined ? { retryAfter: step.retryAfter } : {}),
      });
    }
    await this.clock.sleep(step.ms ?? 10);
    yield { type: 'text', text: step.answer };
    yield { type: 'done', finishReason: 'stop', usage: { inputTokens: 100, outputTokens: 50 } };
  }
}
