import type { ProviderError } from './providers/language-model.js';

export interface RetryOptions {
  /** Retries of the same arm after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  /** A retry-after longer than this is not waited for: the next arm answers instead. */
  maxDelayMs: number;
}

/**
 * How long to wait before retrying an arm after `error` on attempt `attempt` (0-based), or null
 * when it should not be retried: not retryable, out of retries, or asked to wait longer than we
 * will keep a member waiting. Exponential backoff with full jitter, never shorter than the
 * provider's retry-after.
 */
export function retryDelayMs(error: ProviderError, attempt: number, options: RetryOptions, random: () => number): number | null {
  if (!error.retryable || attempt >= options.maxRetries) return null;
  const asked = error.retryAfter !== undefined ? error.retryAfter * 1000 : 0;
  if (asked > options.maxDelayMs) return null;
  const backoff = options.baseDelayMs * 2 ** attempt * (0.5 + 0.5 * random());
  return Math.min(options.maxDelayMs, Math.max(asked, backoff));
}
