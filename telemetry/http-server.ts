import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

export interface RouteContext {
  url: URL;
  params: Record<string, string>;
}

/** Handlers get the untouched request so they can read (and verify) the raw body themselves. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => void | Promise<void>;

export interface HttpServerOptions {
  logger: Logger;
  metrics: Metrics;
  /** Default: always ready. */
  readiness?: () => boolean | Promise<boolean>;
}

export interface HttpServer {
  /** `path` may contain `:name` segments, e.g. `/api/v1/decisions/:id`. */
  route(method: string, path: string, handler: RouteHandler): void;
  /** Resolves with the bound port (useful with port 0). */
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
  readonly server: Server;
}

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  paramCount: number;
  handler: RouteHandler;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

function splitPath(pathname: string): string[] {
  return pathname.split('/').filter((segment) => segment.length > 0);
}

/** Returns the params when `segments` matches the pattern, null otherwise. */
function matchSegments(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i] as string;
    const actual = segments[i] as string;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

export function createHttpServer(opts: HttpServerOptions): HttpServer {
  const { logger, metrics } = opts;
  const readiness = opts.readiness ?? (() => true);
  const routes: Route[] = [];

  function route(method: string, path: string, handler: RouteHandler): void {
    const upper = method.toUpperCase();
    const segments = splitPath(path);
    const canonical = `/${segments.join('/')}`;
    if (routes.some((r) => r.method === upper && r.pattern === canonical)) {
      throw new Error(`route already registered: ${upper} ${canonical}`);
    }
    const paramCount = segments.filter((segment) => segment.startsWith(':')).length;
    routes.push({ method: upper, pattern: canonical, segments, paramCount, handler });
  }

  function fail(res: ServerResponse, err: unknown, req: IncomingMessage, pathname: string): void {
    metrics.errors.inc({ component: 'http', kind: 'handler' });
    logger.error({ err, method: req.method, path: pathname }, 'http handler failed');
    if (!res.headersSent) {
      json(res, 500, { error: 'internal server error' });
    } else {
      // Headers are out, so a clean 500 is impossible; cut the response rather than hang.
      res.destroy();
    }
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      // Never trust the Host header for parsing; only path and query matter here.
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      json(res, 400, { error: 'bad request' });
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const segments = splitPath(url.pathname);

    const allowed = new Set<string>();
    let exact: { route: Route; params: Record<string, string> } | null = null;
    let headFallback: { route: Route; params: Record<string, string> } | null = null;
    for (const r of routes) {
      const params = matchSegments(r.segments, segments);
      if (params === null) continue;
      allowed.add(r.method);
      if (r.method === 'GET') allowed.add('HEAD');
      // A literal segment beats a :param (`/experiments/active` over `/experiments/:id`),
      // whatever the registration order.
      if (r.method === method && (exact === null || r.paramCount < exact.route.paramCount)) {
        exact = { route: r, params };
      }
      // Node drops the body of responses to HEAD, so a GET handler can serve it as is.
      const headCandidate = method === 'HEAD' && r.method === 'GET';
      if (headCandidate && (headFallback === null || r.paramCount < headFallback.route.paramCount)) {
        headFallback = { route: r, params };
      }
    }
    if (exact !== null) {
      await run(exact.route, exact.params, req, res, url);
      return;
    }
    if (headFallback !== null) {
      await run(headFallback.route, headFallback.params, req, res, url);
    } else if (allowed.size === 0) {
      json(res, 404, { error: 'not found' });
    } else {
      json(res, 405, { error: 'method not allowed' }, { allow: [...allowed].sort().join(', ') });
    }
  }

  async function run(
    r: Route,
    params: Record<string, string>,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<void> {
    try {
      await r.handler(req, res, { url, params });
    } catch (err) {
      fail(res, err, req, url.pathname);
    }
    logger.debug({ method: req.method, path: url.pathname, status: res.statusCode }, 'http request');
  }

  const server = createServer((req, res) => {
    dispatch(req, res).catch((err: unknown) => fail(res, err, req, (req.url ?? '').split('?')[0] ?? ''));
  });
  // Malformed requests must not surface as uncaught errors.
  server.on('clientError', (err, socket) => {
    logger.debug({ err }, 'http client error');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  route('GET', '/metrics', async (_req, res) => {
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
  });

  // Liveness: answering at all is the signal; no dependency checks, or a Redis blip gets us killed.
  route('GET', '/healthz', (_req, res) => {
    json(res, 200, { status: 'ok' });
  });

  route('GET', '/readyz', async (_req, res) => {
    let ready = false;
    try {
      ready = await readiness();
    } catch (err) {
      logger.warn({ err }, 'readiness check failed');
    }
    if (ready) json(res, 200, { status: 'ready' });
    else json(res, 503, { status: 'not ready' });
  });

  function listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      server.once('error', onError);
      server.listen(port, host, () => {
        server.off('error', onError);
        const bound = (server.address() as AddressInfo).port;
        logger.info({ host, port: bound }, 'http server listening');
        resolve(bound);
      });
    });
  }

  function close(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!server.listening) {
        resolve();
        return;
      }
      server.close((err) => (err ? reject(err) : resolve()));
      // Keep-alive sockets (e.g. a Prometheus scraper) would otherwise hold close() open.
      server.closeIdleConnections();
    });
  }

  return { route, listen, close, server };
}
