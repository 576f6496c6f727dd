import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, OpenAIError } from 'openai';
import { ProviderError } from './language-model.js';
import { parseRetryAfter } from './openai-retry-after.js';

export interface ErrorContext {
  provider: string;
  /** Scrubbed from every message: a proxy or fake server may echo the key back in an error body. */
  apiKey?: string;
}

type Kind = ProviderError['kind'];

// undici and Node report transport failures by code, often several causes deep.
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ERR_STREAM_PREMATURE_CLOSE',
]);
// undici's bare 'terminated' is a body cut off mid-read; the word boundary keeps JSON's "Unterminated string" out.
const NETWORK_MESSAGES = /\bterminated\b|premature close|other side closed|socket hang up|fetch failed/i;

/** Maps anything the OpenAI SDK (or the transport beneath it) throws into the one ProviderError vocabulary. */
export function toProviderError(error: unknown, context: ErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const { kind, status, retryable, retryAfter, what } = classify(error);
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderError({
    provider: context.provider,
    kind,
    status,
    retryable,
    retryAfter,
    message: redact(`${context.provider}: ${what}${detail ? `: ${detail}` : ''}`, context.apiKey),
    // The cause goes to logs verbatim, so it is dropped rather than logged with the key inside.
    cause: mentionsKey(error, context.apiKey) ? undefined : error,
  });
}

/** A ProviderError for a response that arrived but does not have the shape the API promises. */
export function malformed(context: ErrorContext, what: string): ProviderError {
  return new ProviderError({ provider: context.provider, kind: 'malformed', retryable: true, message: `${context.provider}: malformed response: ${what}` });
}

/** The caller's own AbortSignal fired: no answer is coming, and the router decides what happens next. */
export function aborted(context: ErrorContext): ProviderError {
  // The caller gave up (a cancel, or the router's own deadline): retrying is the caller's call, not ours.
  return new ProviderError({ provider: context.provider, kind: 'timeout', retryable: false, message: `${context.provider}: request aborted` });
}

interface Classification {
  kind: Kind;
  status?: number;
  retryable: boolean;
  retryAfter?: number;
  what: string;
}

function classify(error: unknown): Classification {
  // Subclasses first: all three extend APIError with an undefined status.
  if (error instanceof APIUserAbortError) return { kind: 'timeout', retryable: true, what: 'request aborted' };
  if (error instanceof APIConnectionTimeoutError) return { kind: 'timeout', retryable: true, what: 'request timed out' };
  if (error instanceof APIConnectionError) return { kind: 'network', retryable: true, what: 'connection failed' };
  if (error instanceof APIError) return classifyStatus(error);
  const chain = causeChain(error);
  if (chain.some((e) => e.name === 'AbortError' || TIMEOUT_CODES.has(codeOf(e)))) {
    return { kind: 'timeout', retryable: true, what: 'request timed out' };
  }
  // Before the network check: a parse failure's message can quote any text from the body.
  if (error instanceof SyntaxError) return { kind: 'malformed', retryable: true, what: 'malformed response' };
  if (chain.some((e) => NETWORK_CODES.has(codeOf(e)) || NETWORK_MESSAGES.test(e.message))) {
    return { kind: 'network', retryable: true, what: 'connection lost' };
  }
  // The SDK's own non-HTTP errors mean it could not make sense of what came back.
  if (error instanceof OpenAIError) return { kind: 'malformed', retryable: true, what: 'unexpected response' };
  return { kind: 'network', retryable: true, what: 'request failed' };
}

function classifyStatus(error: APIError): Classification {
  const status = error.status;
  const retryAfter = parseRetryAfter(error.headers);
  let result: Classification;
  if (status === undefined) {
    // An error event inside an otherwise successful stream: the server gave up mid-answer.
    result = { kind: 'server', retryable: true, what: 'error event in stream' };
  } else if (status === 429) {
    result = { kind: 'rate_limit', status, retryable: true, retryAfter, what: 'rate limited' };
  } else if (status >= 500) {
    result = { kind: 'server', status, retryable: true, retryAfter, what: `server error ${status}` };
  } else if (status === 408) {
    result = { kind: 'timeout', status, retryable: true, retryAfter, what: 'server timed out the request' };
  } else if (status === 409) {
    // OpenAI answers 409 on transient lock contention; the SDK itself would retry it.
    result = { kind: 'server', status, retryable: true, retryAfter, what: 'conflict' };
  } else {
    result = { kind: 'client', status, retryable: false, what: `request rejected ${status}` };
  }
  // The server's explicit word beats our status-code heuristics, as it does in the SDK.
  const shouldRetry = error.headers?.get('x-should-retry');
  if (shouldRetry === 'true') result.retryable = true;
  if (shouldRetry === 'false') result.retryable = false;
  return result;
}

function causeChain(error: unknown): Error[] {
  const chain: Error[] = [];
  let current: unknown = error;
  while (current instanceof Error && !chain.includes(current) && chain.length < 8) {
    chain.push(current);
    current = current.cause;
  }
  return chain;
}

function codeOf(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

function mentionsKey(error: unknown, apiKey: string | undefined): boolean {
  if (!apiKey) return false;
  if (!(error instanceof Error)) return String(error).includes(apiKey);
  return causeChain(error).some((e) => e.message.includes(apiKey) || JSON.stringify((e as { error?: unknown }).error ?? null).includes(apiKey));
}

function redact(text: string, apiKey: string | undefined): string {
  return apiKey ? text.split(apiKey).join('[redacted]') : text;
}
