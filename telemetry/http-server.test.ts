import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, json, type HttpServer, type HttpServerOptions } from './http-server.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';

const servers: HttpServer[] = [];
let logLines: string[] = [];

async function start(readiness?: HttpServerOptions['readiness']): Promise<{ server: HttpServer; base: string }> {
  logLines = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'info', secrets: [], destination: sink });
  const server = createHttpServer({ logger, metrics: createMetrics({ collectDefault: false }), readiness });
  servers.push(server);
  const port = await server.listen(0, '127.0.0.1');
  return { server, base: `http://127.0.0.1:${port}` };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('createHttpServer built-in routes', () => {
  it('GET /healthz answers ok', async () => {
    const { base } = await start();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz is ready by default', async () => {
    const { base } = await start();
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('GET /readyz follows the readiness callback, sync or async, and treats a throw as not ready', async () => {
    let ready = false;
    let shouldThrow = false;
    const { base } = await start(async () => {
      if (shouldThrow) throw new Error('store down');
      return ready;
    });
    let res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not ready' });
    ready = true;
    res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
    shouldThrow = true;
    res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
  });

  it('GET /metrics serves the Prometheus text format with switchboard_ metrics', async () => {
    const { base } = await start();
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toContain('# TYPE switchboard_decisions_total counter');
    expect(text).toContain('# HELP switchboard_decisions_total Decisions made by the bandit, by domain and chosen arm.');
  });

  it('HEAD on a GET route answers without a body', async () => {
    const { base } = await start();
    const res = await fetch(`${base}/healthz`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('createHttpServer routing', () => {
  it('answers 404 JSON for an unknown path', async () => {
    const { base } = await start();
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not found' });
  });

  it('answers 405 with an Allow header for a known path and wrong method', async () => {
    const { server, base } = await start();
    server.route('POST', '/healthz', (_req, res) => json(res, 201, {}));
    const res = await fetch(`${base}/metrics`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(await res.json()).toEqual({ error: 'method not allowed' });
    const del = await fetch(`${base}/healthz`, { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('extracts :param segments, decoded, and passes the parsed URL', async () => {
    const { server, base } = await start();
    server.route('GET', '/api/v1/experiments/:id/arms/:arm', (_req, res, ctx) => {
      json(res, 200, { params: ctx.params, q: ctx.url.searchParams.get('q') });
    });
    const res = await fetch(`${base}/api/v1/experiments/exp%201/arms/openai:gpt?q=x`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ params: { id: 'exp 1', arm: 'openai:gpt' }, q: 'x' });
    expect((await fetch(`${base}/api/v1/experiments/exp1/arms`)).status).toBe(404);
    expect((await fetch(`${base}/api/v1/experiments/exp1/arms/a/b`)).status).toBe(404);
  });

  it('prefers a literal segment over a :param whatever the registration order', async () => {
    const { server, base } = await start();
    server.route('GET', '/api/v1/experiments/:id', (_req, res, ctx) => json(res, 200, { id: ctx.params.id }));
    server.route('GET', '/api/v1/experiments/active', (_req, res) => json(res, 200, { active: true }));
    expect(await (await fetch(`${base}/api/v1/experiments/active`)).json()).toEqual({ active: true });
    expect(await (await fetch(`${base}/api/v1/experiments/e7`)).json()).toEqual({ id: 'e7' });
  });

  it('leaves the request body for the handler to read', async () => {
    const { server, base } = await start();
    server.route('POST', '/slack/events', async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      json(res, 200, { raw: Buffer.concat(chunks).toString('utf8') });
    });
    const body = 'token=abc&payload=%7B%7D';
    const res = await fetch(`${base}/slack/events`, { method: 'POST', body });
    expect(await res.json()).toEqual({ raw: body });
  });

  it('turns a throwing handler into a 500, logs it, and keeps serving', async () => {
    const { server, base } = await start();
    server.route('GET', '/boom', () => {
      throw new Error('kaboom');
    });
    server.route('GET', '/boom-async', async () => {
      await Promise.resolve();
      throw new Error('async kaboom');
    });
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'internal server error' });
    expect((await fetch(`${base}/boom-async`)).status).toBe(500);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const errors = logLines.map((l) => JSON.parse(l) as { level: string; err?: { message: string } });
    expect(errors.filter((e) => e.level === 'error').map((e) => e.err?.message)).toEqual(['kaboom', 'async kaboom']);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('switchboard_errors_total{component="http",kind="handler"} 2');
  });

  it('refuses to register the same method and path twice', async () => {
    const { server } = await start();
    expect(() => server.route('get', '/healthz/', () => undefined)).toThrow(/already registered/);
  });

  it('close() resolves even if the server never listened', async () => {
    const logger = createLogger({ level: 'silent', secrets: [], destination: 2 });
    const server = createHttpServer({ logger, metrics: createMetrics({ collectDefault: false }) });
    await expect(server.close()).resolves.toBeUndefined();
  });
});
