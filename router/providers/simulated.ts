import { gaussian, type Rng } from '../../bandits/rng.js';
import type { Clock } from '../clock.js';
import { classifyRequest, type RequestKind } from '../request-kind.js';
import {
  ProviderError, type GenerateRequest, type GenerateResult, type LanguageModel, type StreamChunk, type Usage,
} from './language-model.js';
import { ANSWER_TOKENS, type SimulatedProfile } from './simulated-catalog.js';

export interface SimulatedOptions {
  profile: SimulatedProfile;
  rng: Rng;
  /** Waits out the simulated latency; a VirtualClock makes that free. */
  clock: Clock;
  /** Share of requests that fail with a retryable server error (fault injection). */
  errorRate?: number;
}

const STREAM_PIECES = 8;

/** A seeded stand-in for a real model. Every answer says plainly that it is simulated. */
export class SimulatedModel implements LanguageModel {
  readonly provider: string;
  readonly model: string;
  readonly profile: SimulatedProfile;
  private readonly rng: Rng;
  private readonly clock: Clock;
  private readonly errorRate: number;

  constructor(options: SimulatedOptions) {
    this.profile = options.profile;
    this.provider = options.profile.name;
    this.model = options.profile.model;
    this.rng = options.rng;
    this.clock = options.clock;
    this.errorRate = options.errorRate ?? 0;
  }

  /** Probability that a member finds this model's answer to `text` helpful: what simulated users rate by. */
  quality(text: string): number {
    return this.profile.quality[classifyRequest(text)];
  }

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    let text = '';
    for await (const chunk of this.stream(req)) {
      if (chunk.type === 'text') text += chunk.text;
      else return { text, finishReason: chunk.finishReason, usage: chunk.usage };
    }
    throw new ProviderError({ provider: this.provider, kind: 'malformed', message: 'stream ended without finishing', retryable: true });
  }

  async *stream(req: GenerateRequest): AsyncIterable<StreamChunk> {
    const last = req.messages.at(-1)?.content ?? '';
    const kind = classifyRequest(last);
    const totalMs = 1000 * this.profile.latencyMedianSeconds * Math.exp(this.profile.latencySigma * gaussian(this.rng));
    const fails = this.rng.next() < this.errorRate;
    const usage = this.usage(req, kind);
    const pieces = splitIntoPieces(this.answerText(last, kind), STREAM_PIECES);

    // Time to first token is about a third of the whole answer's time.
    await this.clock.sleep(totalMs * 0.3, req.signal);
    if (fails) {
      throw new ProviderError({ provider: this.provider, kind: 'server', status: 503, message: 'simulated outage', retryable: true });
    }
    for (const piece of pieces) {
      yield { type: 'text', text: piece };
      await this.clock.sleep((totalMs * 0.7) / pieces.length, req.signal);
    }
    yield { type: 'done', finishReason: 'stop', usage };
  }

  private usage(req: GenerateRequest, kind: RequestKind): Usage {
    const inputChars = req.messages.reduce((n, m) => n + m.content.length, 0);
    const outputTokens = Math.max(5, Math.round(ANSWER_TOKENS[kind] * Math.exp(0.3 * gaussian(this.rng))));
    return { inputTokens: Math.ceil(inputChars / 4), outputTokens };
  }

  private answerText(question: string, kind: RequestKind): string {
    const quoted = question.length > 60 ? `${question.slice(0, 57)}...` : question;
    return (
      `[simulated answer from ${this.provider}] This is a stand-in, not a real model: ` +
      `your ${kind} request "${quoted}" would be answered here. ` +
      'Set OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or LOCAL_LLM_BASE_URL for real answers.'
    );
  }
}

function splitIntoPieces(text: string, count: number): string[] {
  const words = text.split(/(?<= )/);
  const size = Math.ceil(words.length / count);
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += size) pieces.push(words.slice(i, i + size).join(''));
  return pieces;
}
