import { ApiError } from '@google/genai';
import type { GeminiDeadline } from './gemini-deadline.js';
import { ProviderError } from './language-model.js';

const PROVIDER = 'gemini';
const MAX_MESSAGE_CHARS = 400;
const REDACTED = '[redacted]';

/** Socket-level failures: the request may not have reached the model, so trying again is sound. */
const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT',
  'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT',
]);

/** The `error` object of a Google API error body (google.rpc.Status). */
interface GoogleStatus {
  code?: number;
  message?: string;
  status?: string;
  details?: unknown[];
}

/**
 * Removes the API key from text. The SDK sends it as the x-goog-api-key header, but a proxy, an
 * echoed URL (`?key=`) or a misconfigured base URL can still bring it back in an error body.
 */
export function scrubApiKey(text: string, apiKey: string): string {
  let scrubbed = apiKey ? text.split(apiKey).join(REDACTED) : text;
  scrubbed = scrubbed.replace(/([?&](?:key|api_key)=)[^&\s"'#<>]+/gi, `$1${REDACTED}`);
  scrubbed = scrubbed.replace(/(x-goog-api-key["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, `$1${REDACTED}`);
  return scrubbed.replace(/AIza[0-9A-Za-z_-]{35}/g, REDACTED);
}

/** Reads google.rpc.RetryInfo's retryDelay, a protobuf Duration in JSON ("7s", "0.500s"), as seconds. */
export function retryDelaySeconds(details: unknown[] | undefined): number | undefined {
  for (const detail of details ?? []) {
    if (typeof detail !== 'object' || detail === null) continue;
    const record = detail as Record<string, unknown>;
    if (record['@type'] !== 'type.googleapis.com/google.rpc.RetryInfo') continue;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(String(record.retryDelay ?? ''));
    if (match) return Number(match[1]);
  }
  return undefined;
}

/**
 * The SDK's ApiError carries only a status and a message that is the error body as JSON, either
 * alone or after "got status: X. " when the error came as a stream event; response headers are
 * not kept, which is why Retry-After cannot be read and RetryInfo is used instead.
 */
function googleStatusOf(error: ApiError): GoogleStatus {
  const start = error.message.indexOf('{');
  if (start < 0) return {};
  try {
    const body = JSON.parse(error.message.slice(start)) as { error?: unknown };
    return typeof body.error === 'object' && body.error !== null ? (body.error as GoogleStatus) : {};
  } catch {
    return {};
  }
}

function fromApiError(error: ApiError, apiKey: string): ProviderError {
  const status = error.status;
  const google = googleStatusOf(error);
  const detail = `${google.status ?? 'HTTP'} ${google.message ?? error.message}`.slice(0, MAX_MESSAGE_CHARS);
  const message = scrubApiKey(`gemini returned ${status}: ${detail}`, apiKey);
  const cause = safeCause(error, apiKey);
  if (status === 429) {
    const retryAfter = retryDelaySeconds(google.details);
    return new ProviderError({ provider: PROVIDER, kind: 'rate_limit', status, retryable: true, retryAfter, message, cause });
  }
  if (status === 408) return new ProviderError({ provider: PROVIDER, kind: 'timeout', status, retryable: true, message, cause });
  if (status >= 500) return new ProviderError({ provider: PROVIDER, kind: 'server', status, retryable: true, message, cause });
  return new ProviderError({ provider: PROVIDER, kind: 'client', status, retryable: false, message, cause });
}

function isNetworkFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    // undici's own words for "could not connect" and "the body was cut off".
    if (e instanceof TypeError && (e.message === 'fetch failed' || e.message === 'terminated')) return true;
    if (e.name === 'SocketError') return true;
  }
  return false;
}

/** Keeps the original error for debugging unless its text would carry the key along. */
function safeCause(error: unknown, apiKey: string): unknown {
  if (!(error instanceof Error)) return error;
  const text = `${error.message}\n${error.stack ?? ''}`;
  return scrubApiKey(text, apiKey) === text ? error : new Error(scrubApiKey(error.message, apiKey));
}

/** Turns anything the SDK (or our own checks) threw into the one error vocabulary of the router. */
export function toProviderError(error: unknown, apiKey: string, deadline: GeminiDeadline): ProviderError {
  if (error instanceof ProviderError) return error;
  const cause = safeCause(error, apiKey);
  // Aborting is what makes fetch throw, so who aborted matters more than what was thrown.
  if (deadline.timedOut) {
    return new ProviderError({ provider: PROVIDER, kind: 'timeout', retryable: true, message: 'gemini did not answer in time', cause });
  }
  if (deadline.callerAborted) {
    // The caller gave up (a cancel, or the router's own deadline): retrying is the caller's call, not ours.
    return new ProviderError({ provider: PROVIDER, kind: 'timeout', retryable: false, message: 'gemini request aborted by the caller', cause });
  }
  if (error instanceof ApiError) return fromApiError(error, apiKey);
  const text = scrubApiKey(error instanceof Error ? error.message : String(error), apiKey).slice(0, MAX_MESSAGE_CHARS);
  if (isNetworkFailure(error)) {
    return new ProviderError({ provider: PROVIDER, kind: 'network', retryable: true, message: `gemini connection failed: ${text}`, cause });
  }
  // What is left is the SDK failing to read what came back: invalid JSON, a cut event, an empty body.
  return new ProviderError({ provider: PROVIDER, kind: 'malformed', retryable: true, message: `gemini sent an unreadable response: ${text}`, cause });
}
