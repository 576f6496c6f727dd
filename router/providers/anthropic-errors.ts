import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { ProviderError } from './language-model.js';

const PROVIDER = 'anthropic';

/** Why our own abort signal fired, if it did: the SDK reports both as a bare abort. */
export interface AbortState {
  timedOut: boolean;
  cancelledByCaller: boolean;
}

type Kind = ProviderError['kind'];

/**
 * Anthropic's error `type`s (HTTP bodies and `error` events mid-stream) with the HTTP status each
 * one comes with, so a streamed error reads like the same error answered before the stream began.
 */
const ERROR_TYPES: Record<string, { status: number; kind: Kind; retryable: boolean }> = {
  invalid_request_error: { status: 400, kind: 'client', retryable: false },
  authentication_error: { status: 401, kind: 'client', retryable: false },
  billing_error: { status: 402, kind: 'client', retryable: false },
  permission_error: { status: 403, kind: 'client', retryable: false },
  not_found_error: { status: 404, kind: 'client', retryable: false },
  request_too_large: { status: 413, kind: 'client', retryable: false },
  rate_limit_error: { status: 429, kind: 'rate_limit', retryable: true },
  api_error: { status: 500, kind: 'server', retryable: true },
  timeout_error: { status: 504, kind: 'timeout', retryable: true },
  overloaded_error: { status: 529, kind: 'server', retryable: true },
};

/**
 * Turns anything the SDK (or the fetch beneath it) threw into a ProviderError. `abort` is checked
 * first because an abort surfaces as whatever was in flight when it fired. `secret` is scrubbed
 * from the message, and the cause is dropped if it carries it (a proxy may echo a bad key back).
 */
export function toProviderError(error: unknown, abort: AbortState, secret: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const mapped = classify(error, abort);
  const message = `anthropic: ${redact(mapped.message, secret)}`;
  const cause = mentions(error, secret) ? undefined : error;
  return new ProviderError({ provider: PROVIDER, ...mapped, message, cause });
}

interface Classified {
  kind: Kind;
  retryable: boolean;
  message: string;
  status?: number;
  retryAfter?: number;
}

function classify(error: unknown, abort: AbortState): Classified {
  if (abort.cancelledByCaller) {
    // The caller gave up on this answer: retrying it would spend money nobody is waiting for.
    return { kind: 'timeout', retryable: false, message: 'request cancelled by the caller' };
  }
  if (abort.timedOut || error instanceof APIConnectionTimeoutError) {
    return { kind: 'timeout', retryable: true, message: 'request timed out' };
  }
  if (error instanceof APIUserAbortError) {
    return { kind: 'timeout', retryable: true, message: 'request aborted' };
  }
  if (error instanceof APIConnectionError) {
    return { kind: 'network', retryable: true, message: `connection failed (${describeCause(error.cause)})` };
  }
  if (error instanceof APIError) return fromApiError(error);
  if (error instanceof SyntaxError) {
    return { kind: 'malformed', retryable: true, message: `unparseable response (${error.message})` };
  }
  if (isConnectionDrop(error)) {
    return { kind: 'network', retryable: true, message: `connection lost (${describeCause(error)})` };
  }
  return { kind: 'network', retryable: true, message: `unexpected failure (${describeCause(error)})` };
}

function fromApiError(error: APIError): Classified {
  const status = error.status;
  const detail = error.apiMessage ?? error.message;
  const known = error.type ? ERROR_TYPES[error.type] : undefined;
  if (status === undefined) {
    // An `error` event inside a 200 stream: only its type says what went wrong.
    const mapped = known ?? { status: undefined, kind: 'server' as const, retryable: true };
    return { ...mapped, message: `error event mid-stream: ${error.type ?? 'unknown'}: ${detail}` };
  }
  const message = `${status} ${error.type ?? 'error'}: ${detail}`;
  if (status === 429) {
    return { kind: 'rate_limit', retryable: true, status, message, retryAfter: retryAfterSeconds(error.headers) };
  }
  if (status >= 500) return { kind: 'server', retryable: true, status, message };
  // 408 (request timeout) and 409 (conflict) are transient by Anthropic's own retry rules.
  if (status === 408) return { kind: 'timeout', retryable: true, status, message };
  if (status === 409) return { kind: 'server', retryable: true, status, message };
  return { kind: 'client', retryable: false, status, message };
}

/** Seconds from `retry-after-ms` or `retry-after` (delta-seconds or an HTTP date), if either parses. */
export function retryAfterSeconds(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms / 1000;
  const raw = headers?.get('retry-after')?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds : undefined;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** undici reports a socket closed under a reading body as `TypeError: terminated` or a socket error code. */
function isConnectionDrop(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(ECONNRESET|EPIPE|ECONNREFUSED|ETIMEDOUT|UND_ERR_)/.test(code)) return true;
    if (/terminated|other side closed|socket hang up/i.test(e.message)) return true;
  }
  return false;
}

function describeCause(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 3; depth++) {
    if (e instanceof Error) {
      const code = (e as { code?: unknown }).code;
      parts.push(typeof code === 'string' ? `${e.message} [${code}]` : e.message);
      e = e.cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return parts.join(': ') || 'no detail';
}

function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join('[redacted]') : text;
}

function mentions(error: unknown, secret: string): boolean {
  if (!secret) return false;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.message.includes(secret) || (e.stack ?? '').includes(secret)) return true;
    if (e instanceof APIError && JSON.stringify(e.error ?? null).includes(secret)) return true;
  }
  return false;
}
