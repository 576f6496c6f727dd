import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a fake server saw it, for assertions on what the real SDK sent. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** The body's bytes as sent: what a binary upload must be checked against. */
  raw: Buffer;
}

export interface FakeHttpServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export type FakeHandler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

/** Starts a loopback HTTP server on a free port; JSON bodies are parsed, others kept as text. */
export async function startFakeHttp(handler: FakeHandler): Promise<FakeHttpServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const raw = bytes.toString('utf8');
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        // Not JSON: keep the text.
      }
      const recorded = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, raw: bytes };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res)).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(error) }));
      });
    });
  });
  // Keep-alive sockets would hold close() open.
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes server-sent events one by one (`event:` line when given, `data:` JSON or raw text),
 * waiting `delayMs` between them; `resetAfter` destroys the connection after that many events,
 * which is what a connection reset mid-stream looks like to a client.
 */
export async function sendSse(
  res: ServerResponse,
  events: Array<{ event?: string; data: unknown }>,
  options: { delayMs?: number; resetAfter?: number } = {},
): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (let i = 0; i < events.length; i++) {
    if (options.resetAfter !== undefined && i === options.resetAfter) {
      // Let what was written reach the client first: a reset loses only what comes after it.
      await new Promise((resolve) => setTimeout(resolve, 20));
      res.socket?.destroy();
      return;
    }
    if (res.destroyed) return;
    const { event, data } = events[i]!;
    res.write(`${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
    if (options.delayMs) await sleep(options.delayMs);
  }
  res.end();
}

/** Holds the request open without answering (until the client gives up or the server closes). */
export async function hang(res: ServerResponse, ms: number): Promise<void> {
  await sleep(ms);
  if (!res.writableEnded && !res.destroyed) sendJson(res, 504, { error: 'fake gateway timeout' });
}
