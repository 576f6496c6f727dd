import type { ServerResponse } from 'node:http';
import type { FakeProvider, Scenario } from '../providers/language-model-conformance.js';
import { hang, sendJson, sendSse, startFakeHttp, type RecordedRequest } from './fake-http.js';
import { answerEmbeddings } from './fake-openai-embeddings.js';

/** Answers one request by hand, for provider-specific cases the shared Scenario type does not cover. */
export type CustomAnswer = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface FakeOpenAi extends FakeProvider {
  /** Every following request is answered by `answer` instead of a scenario. */
  answerWith(answer: CustomAnswer): void;
}

export interface FakeOpenAiOptions {
  /** When set, requests without `Authorization: Bearer <apiKey>` get OpenAI's 401, as the real API does. */
  apiKey?: string;
}

const PATH = '/v1/chat/completions';
const EMBEDDINGS_PATH = '/v1/embeddings';
// Longer than any client timeout the tests use, shorter than the test timeout.
const HANG_MS = 5_000;

/**
 * A fake of OpenAI's POST /v1/chat/completions speaking the real wire format: chat.completion JSON,
 * or chat.completion.chunk server-sent events ending in `data: [DONE]` when the request streams.
 * Also POST /v1/embeddings (see fake-openai-embeddings.ts), where the failure scenarios apply
 * as they do to chat and 'success' or 'slow-stream' mean vectors (after the delay).
 */
export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  let scenario: Scenario = { kind: 'success', text: 'ok', inputTokens: 1, outputTokens: 1 };
  let custom: CustomAnswer | undefined;
  const server = await startFakeHttp(async (req, res) => {
    if (req.method !== 'POST' || (req.path !== PATH && req.path !== EMBEDDINGS_PATH)) {
      return sendJson(res, 404, apiError(`Unknown request URL: ${req.method} ${req.path}`, 'invalid_request_error', 'unknown_url'));
    }
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(res, 401, apiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
    }
    if (custom) return custom(req, res);
    if (req.path === EMBEDDINGS_PATH) return embeddings(scenario, req, res);
    return answer(scenario, req, res);
  });
  return {
    ...server,
    next(next: Scenario) {
      scenario = next;
      custom = undefined;
    },
    answerWith(answer: CustomAnswer) {
      custom = answer;
    },
  };
}

/** Answers one request the way `scenario` says (also for tests that mix scenarios per request). */
export async function answer(scenario: Scenario, req: RecordedRequest, res: ServerResponse): Promise<void> {
  const body = (req.body ?? {}) as { model?: string; stream?: boolean; stream_options?: { include_usage?: boolean } };
  const model = body.model ?? 'unknown-model';
  switch (scenario.kind) {
    case 'success':
      if (!body.stream) return sendJson(res, 200, completion(model, scenario.text, scenario.inputTokens, scenario.outputTokens));
      return sendSse(res, streamEvents(model, scenario.text, body.stream_options?.include_usage ? scenario : undefined));
    case 'rate-limit':
      return sendJson(
        res, 429,
        apiError('Rate limit reached for requests. Please try again later.', 'requests', 'rate_limit_exceeded'),
        { 'retry-after': String(scenario.retryAfterSeconds) },
      );
    case 'server-error':
      return sendJson(res, 500, apiError('The server had an error while processing your request.', 'server_error', null));
    case 'client-error':
      return sendJson(res, 400, apiError("Invalid value for 'messages'.", 'invalid_request_error', 'invalid_value'));
    case 'timeout':
      return hang(res, HANG_MS);
    case 'malformed':
      // Cut off mid-object: the SDK's own JSON parsing fails, in the body and in an SSE event alike.
      if (!body.stream) return sendRaw(res, 'application/json', '{"id":"chatcmpl-1","object":"chat.completion","choi');
      return sendSse(res, [{ data: '{"id":"chatcmpl-1","object":"chat.completion.chu' }]);
    case 'reset-mid-stream': {
      const events = streamEvents(model, scenario.text, undefined);
      // The delay lets the first events reach the client before the socket goes.
      return sendSse(res, events, { resetAfter: 2, delayMs: 20 });
    }
    case 'slow-stream':
      return sendSse(res, streamEvents(model, scenario.text, body.stream_options?.include_usage ? { inputTokens: 1, outputTokens: 1 } : undefined), {
        delayMs: scenario.delayMs,
      });
  }
}

async function embeddings(scenario: Scenario, req: RecordedRequest, res: ServerResponse): Promise<void> {
  if (scenario.kind !== 'success' && scenario.kind !== 'slow-stream') return answer(scenario, req, res);
  if (scenario.kind === 'slow-stream') await new Promise((resolve) => setTimeout(resolve, scenario.delayMs));
  const result = answerEmbeddings(req.body);
  if (result.status === 200) return sendJson(res, 200, result.body);
  return sendJson(res, result.status, { error: { message: result.message, type: 'invalid_request_error', param: result.param, code: result.code } });
}

export function completion(model: string, text: string, inputTokens: number, outputTokens: number): unknown {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
  };
}

/** Role chunk, one chunk per word, a finishing chunk, the usage chunk when asked for, then [DONE]. */
export function streamEvents(
  model: string,
  text: string,
  usage: { inputTokens: number; outputTokens: number } | undefined,
): Array<{ data: unknown }> {
  const created = Math.floor(Date.now() / 1000);
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
    data: { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created, model, choices, ...extra },
  });
  const delta = (content: Record<string, unknown>, finish: string | null = null) => ({ index: 0, delta: content, logprobs: null, finish_reason: finish });
  const events = [chunk([delta({ role: 'assistant', content: '' })])];
  for (const word of text.split(/(?<= )/)) events.push(chunk([delta({ content: word })]));
  events.push(chunk([delta({}, 'stop')]));
  if (usage) {
    const { inputTokens: prompt, outputTokens: completionTokens } = usage;
    events.push(chunk([], { usage: { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens } }));
  }
  return [...events, { data: '[DONE]' }];
}

export function apiError(message: string, type: string, code: string | null): unknown {
  return { error: { message, type, param: null, code } };
}

function sendRaw(res: ServerResponse, contentType: string, body: string): void {
  res.writeHead(200, { 'content-type': contentType });
  res.end(body);
}
