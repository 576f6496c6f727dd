import { GoogleGenAI, type GenerateContentParameters, type GenerateContentResponse } from '@google/genai';
import { GeminiDeadline } from './gemini-deadline.js';
import { toProviderError } from './gemini-errors.js';
import { toGeminiPrompt } from './gemini-messages.js';
import { candidateText, promptBlocked, toFinishReason, toUsage } from './gemini-response.js';
import {
  ProviderError, type GenerateRequest, type GenerateResult, type LanguageModel, type StreamChunk, type Usage,
} from './language-model.js';

export interface GeminiOptions {
  apiKey: string;
  /** Defaults to Google's public endpoint; tests point it at a fake server. */
  baseUrl?: string;
  model: string;
  /** How long to wait on the server: for the whole answer, or between two streamed pieces. */
  timeoutMs: number;
}

/**
 * Passed explicitly so that the SDK never falls back to GOOGLE_GEMINI_BASE_URL: configuration
 * is read in config/ only.
 */
const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';

/** Gemini through Google's Gen AI SDK (`@google/genai`), speaking the router's LanguageModel vocabulary. */
export function createGeminiModel(options: GeminiOptions): LanguageModel {
  return new GeminiModel(options);
}

class GeminiModel implements LanguageModel {
  readonly provider = 'gemini';
  readonly model: string;
  private readonly client: GoogleGenAI;
  private readonly apiKey: string;
  private readonly timeoutMs: number;

  constructor(options: GeminiOptions) {
    this.model = options.model;
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs;
    this.client = new GoogleGenAI({
      apiKey: options.apiKey,
      // Explicit, or GOOGLE_GENAI_USE_VERTEXAI in the environment would switch backends.
      vertexai: false,
      // No retryOptions: the SDK then makes exactly one attempt. Setting them (even to one
      // attempt) goes through its p-retry loop; retries belong to the router.
      httpOptions: { baseUrl: options.baseUrl ?? DEFAULT_BASE_URL },
    });
  }

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    const deadline = new GeminiDeadline(this.timeoutMs, req.signal);
    try {
      deadline.arm();
      const response = await this.client.models.generateContent(this.params(req, deadline.signal));
      return toResult(response);
    } catch (error) {
      throw toProviderError(error, this.apiKey, deadline);
    } finally {
      deadline.dispose();
    }
  }

  async *stream(req: GenerateRequest): AsyncIterable<StreamChunk> {
    const deadline = new GeminiDeadline(this.timeoutMs, req.signal);
    let pieces: AsyncIterator<GenerateContentResponse> | undefined;
    let finishReason: string | undefined;
    let blocked = false;
    let usage: Usage = {};
    try {
      deadline.arm();
      pieces = (await this.client.models.generateContentStream(this.params(req, deadline.signal)))[Symbol.asyncIterator]();
      for (;;) {
        deadline.arm();
        const next = await pieces.next();
        deadline.disarm();
        if (next.done) break;
        const chunk = next.value;
        const candidate = chunk.candidates?.[0];
        if (chunk.usageMetadata) usage = toUsage(chunk.usageMetadata);
        if (candidate?.finishReason) finishReason = candidate.finishReason;
        if (promptBlocked(chunk)) blocked = true;
        const text = candidateText(candidate);
        if (text) yield { type: 'text', text };
        // The caller may have aborted while we were suspended in yield.
        if (req.signal?.aborted) throw new Error('aborted');
      }
      if (!finishReason && !blocked) {
        throw new ProviderError({ provider: this.provider, kind: 'malformed', retryable: true, message: 'gemini stream ended without a finish reason' });
      }
      yield { type: 'done', finishReason: blocked && !finishReason ? 'content_filter' : toFinishReason(finishReason), usage };
    } catch (error) {
      throw toProviderError(error, this.apiKey, deadline);
    } finally {
      // Also reached when the caller stops reading early: abort so the socket is released.
      deadline.dispose();
      await pieces?.return?.().catch(() => undefined);
    }
  }

  private params(req: GenerateRequest, abortSignal: AbortSignal): GenerateContentParameters {
    const { contents, systemInstruction } = toGeminiPrompt(req.messages);
    if (contents.length === 0) {
      // The SDK would throw a bare Error before sending anything; say plainly what is wrong.
      throw new ProviderError({ provider: this.provider, kind: 'client', retryable: false, message: 'gemini needs at least one user or assistant message' });
    }
    return {
      model: this.model,
      contents,
      config: {
        ...(systemInstruction ? { systemInstruction } : {}),
        ...(req.maxOutputTokens !== undefined ? { maxOutputTokens: req.maxOutputTokens } : {}),
        abortSignal,
        // Otherwise the SDK may send follow-up requests on its own (continuation tokens).
        automaticContinuation: false,
      },
    };
  }
}

function toResult(response: GenerateContentResponse): GenerateResult {
  const candidate = response.candidates?.[0];
  const usage = toUsage(response.usageMetadata);
  if (!candidate) {
    if (promptBlocked(response)) return { text: '', finishReason: 'content_filter', usage };
    throw new ProviderError({ provider: 'gemini', kind: 'malformed', retryable: true, message: 'gemini answered without candidates' });
  }
  return { text: candidateText(candidate), finishReason: toFinishReason(candidate.finishReason), usage };
}
