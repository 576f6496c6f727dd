import type { ServerResponse } from 'node:http';
import type { FakeProvider, Scenario } from '../providers/language-model-conformance.js';
import { hang, sendJson, sendSse, startFakeHttp, type RecordedRequest } from './fake-http.js';

export const FAKE_ANTHROPIC_API_KEY = 'sk-ant-fake-0123456789abcdef';

/** Anthropic-only behaviours on top of the shared scenarios. */
export type AnthropicScenario =
  | Scenario
  /** Any error status with Anthropic's error body, e.g. 529 overloaded_error. */
  | { kind: 'api-error'; status: number; errorType: string; message?: string; headers?: Record<string, string> }
  /**
   * A stream that starts well, then carries an `error` event instead of finishing; a request
   * without `stream` gets the same error as an HTTP `status`, as the API would answer it.
   */
  | { kind: 'error-event'; text: string; errorType: string; status: number }
  /** A 200 JSON body that is valid JSON but has no `content`. */
  | { kind: 'no-content' }
  | { kind: 'success-with-stop'; text: string; stopReason: string };

export interface FakeAnthropic extends FakeProvider {
  next(scenario: AnthropicScenario): void;
}

/** The body the real API answers errors with. */
export function anthropicError(type: string, message: string): unknown {
  return { type: 'error', error: { type, message }, request_id: 'req_fake' };
}

interface RequestBody {
  model?: string;
  stream?: boolean;
}

/**
 * A fake of POST /v1/messages speaking the real wire format: Message objects, and for
 * `stream: true` the real event sequence (message_start … message_stop) with `event:` lines.
 * It checks authentication and `anthropic-version` the way the API does, so a request the real
 * API would refuse is refused here too.
 */
export async function startFakeAnthropic(options: { apiKey?: string } = {}): Promise<FakeAnthropic> {
  const apiKey = options.apiKey ?? FAKE_ANTHROPIC_API_KEY;
  let scenario: AnthropicScenario = { kind: 'success', text: 'Hello.', inputTokens: 1, outputTokens: 1 };

  const server = await startFakeHttp(async (req, res) => {
    if (req.method !== 'POST' || req.path !== '/v1/messages') {
      return sendJson(res, 404, anthropicError('not_found_error', `Not found: ${req.method} ${req.path}`));
    }
    if (!authenticated(req, apiKey)) {
      return sendJson(res, 401, anthropicError('authentication_error', 'invalid x-api-key'));
    }
    if (!req.headers['anthropic-version']) {
      return sendJson(res, 400, anthropicError('invalid_request_error', 'anthropic-version: header is required'));
    }
    const body = (req.body ?? {}) as RequestBody;
    await answer(scenario, body, res);
  });

  return {
    ...server,
    next(s) {
      scenario = s;
    },
  };
}

/** The SDK of this version sends `Authorization: Bearer`; the API also takes `x-api-key`. */
function authenticated(req: RecordedRequest, apiKey: string): boolean {
  return req.headers['x-api-key'] === apiKey || req.headers.authorization === `Bearer ${apiKey}`;
}

async function answer(scenario: AnthropicScenario, body: RequestBody, res: ServerResponse): Promise<void> {
  const model = body.model ?? 'claude-fake';
  switch (scenario.kind) {
    case 'success':
      if (body.stream) return sendSse(res, streamEvents(model, scenario.text, 'end_turn', scenario.inputTokens, scenario.outputTokens));
      return sendJson(res, 200, message(model, scenario.text, 'end_turn', scenario.inputTokens, scenario.outputTokens));
    case 'success-with-stop':
      if (body.stream) return sendSse(res, streamEvents(model, scenario.text, scenario.stopReason, 10, 3));
      return sendJson(res, 200, message(model, scenario.text, scenario.stopReason, 10, 3));
    case 'rate-limit':
      return sendJson(res, 429, anthropicError('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'), {
        'retry-after': String(scenario.retryAfterSeconds),
      });
    case 'server-error':
      return sendJson(res, 500, anthropicError('api_error', 'Internal server error'));
    case 'client-error':
      return sendJson(res, 400, anthropicError('invalid_request_error', 'messages: field required'));
    case 'api-error':
      return sendJson(res, scenario.status, anthropicError(scenario.errorType, scenario.message ?? scenario.errorType), scenario.headers);
    case 'timeout':
      return hang(res, 5_000);
    case 'malformed':
      if (body.stream) return sendSse(res, [{ event: 'message_start', data: '{"type":"message_start","message":{' }]);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"msg_fake","type":"message","content":[{"type":"te');
      return;
    case 'no-content': {
      const { content: _content, ...rest } = message(model, 'unused', 'end_turn', 1, 1);
      return sendJson(res, 200, rest);
    }
    case 'reset-mid-stream': {
      const events = streamEvents(model, scenario.text, 'end_turn', 12, 9);
      // Through the first two deltas, then the socket goes.
      // A pause between events lets each reach the client before the reset.
      return sendSse(res, events, { resetAfter: 5, delayMs: 10 });
    }
    case 'slow-stream':
      return sendSse(res, streamEvents(model, scenario.text, 'end_turn', 12, 9), { delayMs: scenario.delayMs });
    case 'error-event': {
      if (!body.stream) return sendJson(res, scenario.status, anthropicError(scenario.errorType, 'Overloaded'));
      const events = streamEvents(model, scenario.text, 'end_turn', 12, 9).filter((e) => e.event !== 'message_stop');
      const cut = events.findIndex((e) => e.event === 'content_block_stop');
      return sendSse(res, [...events.slice(0, cut), { event: 'error', data: anthropicError(scenario.errorType, 'Overloaded') }]);
    }
  }
}

function message(model: string, text: string, stopReason: string, inputTokens: number, outputTokens: number) {
  return {
    id: 'msg_fake01',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text, citations: null }],
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

/** The events the API sends for one text answer, a word per delta. */
export function streamEvents(model: string, text: string, stopReason: string, inputTokens: number, outputTokens: number) {
  const pieces = text.split(/(?<= )/);
  return [
    {
      event: 'message_start',
      data: {
        type: 'message_start',
        message: { ...message(model, '', stopReason, inputTokens, 1), content: [], stop_reason: null },
      },
    },
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
    { event: 'ping', data: { type: 'ping' } },
    ...pieces.map((piece) => ({
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } },
    })),
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    {
      event: 'message_delta',
      data: { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens } },
    },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ];
}
