/** Response headers as the SDK exposes them on an APIError (a fetch Headers object). */
interface HeaderLookup {
  get(name: string): string | null;
}

/**
 * Seconds the server asked us to wait, from `retry-after-ms` (OpenAI's finer-grained header,
 * preferred when present) or `retry-after` (delta-seconds or an HTTP date). Undefined when the
 * server did not say, or said something unparseable, so the router falls back to its own backoff.
 */
export function parseRetryAfter(headers: HeaderLookup | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = parseNonNegative(headers.get('retry-after-ms'));
  if (ms !== undefined) return ms / 1000;
  const raw = headers.get('retry-after')?.trim();
  if (!raw) return undefined;
  const seconds = parseNonNegative(raw);
  if (seconds !== undefined) return seconds;
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  // HTTP dates have one-second resolution; rounding up never retries early.
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function parseNonNegative(raw: string | null): number | undefined {
  if (raw === null || !/^\s*\d+(\.\d+)?\s*$/.test(raw)) return undefined;
  return Number(raw);
}
