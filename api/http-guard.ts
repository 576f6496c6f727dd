import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { json } from '../telemetry/index.js';

export type GuardedHandler = (req: IncomingMessage, res: ServerResponse, params: Record<string, string>, url: URL) => Promise<void> | void;

/** A request the caller got wrong: answered with this status and the message. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * Wraps an API handler: no API_TOKEN configured → 503 saying how to enable it; a missing or
 * wrong bearer token → 401; an HttpError → its status; any other error → 400 with its message.
 */
export function guard(token: string | undefined, handler: GuardedHandler) {
  return async (req: IncomingMessage, res: ServerResponse, ctx: { url: URL; params: Record<string, string> }): Promise<void> => {
    if (!token) return json(res, 503, { error: 'The JSON API is off: set API_TOKEN to enable it.' });
    if (!authorized(req.headers.authorization, token)) return json(res, 401, { error: 'Missing or wrong bearer token.' });
    try {
      await handler(req, res, ctx.params, ctx.url);
    } catch (error) {
      json(res, error instanceof HttpError ? error.status : 400, { error: (error as Error).message });
    }
  };
}

function authorized(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  // Constant-time compare, so the token cannot be guessed byte by byte from response times.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The raw body as text; a body over `limit` bytes is refused with 413 before it is all read. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  // A declared length over the limit is refused before reading a byte of it.
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new HttpError(413, `body larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `body larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJson(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const text = await readBody(req, limit);
  if (!text) return {};
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('body must be a JSON object');
  return value as Record<string, unknown>;
}
