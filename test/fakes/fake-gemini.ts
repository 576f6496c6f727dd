import type { ServerResponse } from 'node:http';
import type { FakeProvider, Scenario } from '../providers/language-model-conformance.js';
import { hang, sendJson, sendSse, startFakeHttp, type RecordedRequest } from './fake-http.js';
import { answerGeminiEmbed } from './fake-gemini-embed.js';

/** Shaped like a real key (AIza + 35 characters) so that pattern-based scrubbing is tested too. */
export const FAKE_GEMINI_API_KEY = 'AIzaSyFAKE-gemini-test-key-000000000000';

/** Gemini-only behaviours on top of the shared conformance scenarios. */
export type GeminiScenario =
  | Scenario
  /** A normal answer that ends with the given finishReason (SAFETY, MAX_TOKENS…). */
  | { kind: 'finish'; text: string; finishReason: string }
  /** The prompt itself refused: promptFeedback.blockReason and no candidates. */
  | { kind: 'blocked-prompt' }
  /** 200 with a well-formed body that has no candidates and no block reason. */
  | { kind: 'no-candidates' }
  /** 429 with only google.rpc.RetryInfo, no Retry-After header. */
  | { kind: 'quota'; retryDelay: string }
  /** Any Google error; `{key}` in the message is replaced by the key the request carried. */
  | { kind: 'error'; status: number; googleStatus: string; message: string }
  /** Some SSE chunks, then an error event in the stream (how Gemini reports mid-stream failures). */
  | { kind: 'error-mid-stream'; text: string };

export interface FakeGemini extends FakeProvider {
  next(scenario: GeminiScenario): void;
}

/** Request body of generateContent as the SDK sends it. */
export interface GeminiRequestBody {
  contents?: Array<{ role?: string; parts?: Array<{ text?: string }> }>;
  systemInstruction?: { role?: string; parts?: Array<{ text?: string }> };
  generationConfig?: { maxOutputTokens?: number };
}

const MODEL_VERSION = 'gemini-fake-001';
const PATH = /^\/(v1beta|v1|v1alpha)\/models\/([^/:]+):(generateContent|streamGenerateContent|batchEmbedContents|embedContent)$/;

function googleError(res: ServerResponse, code: number, status: string, message: string, details?: unknown[], headers?: Record<string, string>): void {
  sendJson(res, code, { error: { code, message, status, ...(details ? { details } : {}) } }, headers);
}

function usage(input: number, output?: number) {
  return output === undefined
    ? { promptTokenCount: input, totalTokenCount: input }
    : { promptTokenCount: input, candidatesTokenCount: output, totalTokenCount: input + output };
}

function answer(text: string, finishReason: string | undefined, usageMetadata: unknown): Record<string, unknown> {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, ...(finishReason ? { finishReason } : {}), index: 0 }],
    usageMetadata,
    modelVersion: MODEL_VERSION,
    responseId: 'fake-response-id',
  };
}

/** Word by word, spaces kept, so the pieces join back to the exact text. */
function pieces(text: string): string[] {
  return text.split(/(?<= )/);
}

/** One SSE event per piece; only the last one finishes and reports output tokens, as Gemini does. */
function streamEvents(text: string, finishReason: string, input: number, output: number) {
  const parts = pieces(text);
  return parts.map((piece, i) => ({
    data: i === parts.length - 1 ? answer(piece, finishReason, usage(input, output)) : answer(piece, undefined, usage(input)),
  }));
}

function apiKeyOf(req: RecordedRequest, url: URL): string | undefined {
  const header = req.headers['x-goog-api-key'];
  return (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('key') ?? undefined;
}

async function respond(scenario: GeminiScenario, streaming: boolean, key: string, res: ServerResponse): Promise<void> {
  switch (scenario.kind) {
    case 'success':
      if (streaming) return sendSse(res, streamEvents(scenario.text, 'STOP', scenario.inputTokens, scenario.outputTokens));
      return sendJson(res, 200, answer(scenario.text, 'STOP', usage(scenario.inputTokens, scenario.outputTokens)));
    case 'finish':
      if (streaming) return sendSse(res, streamEvents(scenario.text, scenario.finishReason, 10, 3));
      return sendJson(res, 200, answer(scenario.text, scenario.finishReason, usage(10, 3)));
    case 'rate-limit':
      return googleError(res, 429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.', [
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${scenario.retryAfterSeconds}s` },
      ], { 'retry-after': String(scenario.retryAfterSeconds) });
    case 'quota':
      return googleError(res, 429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).', [
        { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generate_content_requests' }] },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: scenario.retryDelay },
      ]);
    case 'server-error':
      return googleError(res, 500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting');
    case 'client-error':
      return googleError(res, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.');
    case 'error':
      return googleError(res, scenario.status, scenario.googleStatus, scenario.message.split('{key}').join(key));
    case 'timeout':
      return hang(res, 10_000);
    case 'malformed':
      if (streaming) return sendSse(res, [{ data: '{"candidates": [{"content": {"parts": [{"text": "cut' }]);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"candidates": [{"content": ');
      return;
    case 'no-candidates':
      if (streaming) return sendSse(res, [{ data: { usageMetadata: usage(5), modelVersion: MODEL_VERSION } }]);
      return sendJson(res, 200, { usageMetadata: usage(5), modelVersion: MODEL_VERSION });
    case 'blocked-prompt': {
      const body = { promptFeedback: { blockReason: 'SAFETY', safetyRatings: [] }, usageMetadata: usage(8), modelVersion: MODEL_VERSION };
      if (streaming) return sendSse(res, [{ data: body }]);
      return sendJson(res, 200, body);
    }
    case 'reset-mid-stream': {
      if (streaming) {
        const events = streamEvents(scenario.text, 'STOP', 10, 9);
        // Spaced out: a fetch body stream that errors drops whatever the client had not read yet,
        // so a reset in the same instant as the data would hide the data.
        return sendSse(res, events, { delayMs: 25, resetAfter: Math.max(1, Math.floor(events.length / 2)) });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"candidates": [');
      res.socket?.destroy();
      return;
    }
    case 'error-mid-stream': {
      const events: Array<{ data: unknown }> = streamEvents(scenario.text, 'STOP', 10, 9).slice(0, 2);
      events.push({ data: { error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } } });
      if (streaming) return sendSse(res, events);
      return googleError(res, 503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.');
    }
    case 'slow-stream':
      if (streaming) return sendSse(res, streamEvents(scenario.text, 'STOP', 10, 5), { delayMs: scenario.delayMs });
      await new Promise((resolve) => setTimeout(resolve, scenario.delayMs));
      return sendJson(res, 200, answer(scenario.text, 'STOP', usage(10, 5)));
  }
}

/** Embedding requests: failure scenarios apply as they do to generateContent; 'success' and 'slow-stream' (after its delay) mean vectors. */
async function respondEmbed(scenario: GeminiScenario, method: 'batchEmbedContents' | 'embedContent', model: string, body: unknown, key: string, res: ServerResponse): Promise<void> {
  if (scenario.kind !== 'success' && scenario.kind !== 'slow-stream') return respond(scenario, false, key, res);
  if (scenario.kind === 'slow-stream') await new Promise((resolve) => setTimeout(resolve, scenario.delayMs));
  const result = answerGeminiEmbed(method, model, body);
  if (result.status === 200) return sendJson(res, 200, result.body);
  return googleError(res, result.status, result.googleStatus, result.message);
}

/**
 * A fake of the Gemini API (generativelanguage.googleapis.com) as @google/genai calls it with a
 * custom base URL: POST /v1beta/models/{model}:generateContent and
 * :streamGenerateContent?alt=sse, :batchEmbedContents and :embedContent (fake-gemini-embed.ts),
 * the key in the x-goog-api-key header (or ?key=).
 */
export async function startFakeGemini(options: { apiKey?: string } = {}): Promise<FakeGemini> {
  const expectedKey = options.apiKey ?? FAKE_GEMINI_API_KEY;
  let scenario: GeminiScenario = { kind: 'success', text: 'Hello from the fake Gemini.', inputTokens: 10, outputTokens: 6 };
  const server = await startFakeHttp(async (req, res) => {
    const url = new URL(req.path, 'http://fake-gemini');
    const match = PATH.exec(url.pathname);
    if (req.method !== 'POST' || !match) {
      return googleError(res, 404, 'NOT_FOUND', `No route for ${req.method} ${url.pathname}`);
    }
    const streaming = match[3] === 'streamGenerateContent';
    if (streaming && url.searchParams.get('alt') !== 'sse') {
      return googleError(res, 400, 'INVALID_ARGUMENT', 'this fake only streams server-sent events (alt=sse)');
    }
    const key = apiKeyOf(req, url);
    if (!key) {
      return googleError(res, 403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.');
    }
    if (key !== expectedKey) {
      return googleError(res, 400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
      ]);
    }
    if (match[3] === 'batchEmbedContents' || match[3] === 'embedContent') {
      return respondEmbed(scenario, match[3], match[2]!, req.body, key, res);
    }
    const body = req.body as GeminiRequestBody | undefined;
    if (!Array.isArray(body?.contents) || body.contents.length === 0) {
      return googleError(res, 400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified');
    }
    await respond(scenario, streaming, key, res);
  });
  return {
    ...server,
    next(next: GeminiScenario) {
      scenario = next;
    },
  };
}

/** The body of the last request the fake received. */
export function lastGeminiBody(fake: FakeProvider): GeminiRequestBody {
  return (fake.requests.at(-1)?.body ?? {}) as GeminiRequestBody;
}

/** System instruction first, then every turn's parts, in order: what the model was shown. */
export function geminiSentTexts(fake: FakeProvider): string[] {
  const body = lastGeminiBody(fake);
  const parts = [...(body.systemInstruction?.parts ?? []), ...(body.contents ?? []).flatMap((c) => c.parts ?? [])];
  return parts.map((p) => p.text ?? '');
}
