import { describe, expect, it } from 'vitest';
import type { App } from '../bot/app.js';
import { TOKEN, useApiRig } from './api-test-rig.js';
import { mountPilotApi } from './pilot-api.js';

const rig = useApiRig();
let app: App | undefined;

async function start(token: string | null = TOKEN) {
  const started = await rig({ env: { PILOT_WORKERS: '0' }, token, mount: mountPilotApi });
  app = started.app;
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`http://127.0.0.1:${started.port}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    return { status: res.status, location: res.headers.get('location'), body: (await res.json()) as { run?: Record<string, unknown>; error?: string } };
  };
}

const TEXTS = Array.from({ length: 24 }, (_, i) => [
  `deploy the helm chart to the cluster then check pod ${i} logs`,
  `knead the pizza dough and bake in a hot oven for ${i} minutes`,
  `tune the guitar and practise chord ${i} changes slowly`,
][i % 3]!);

describe('pilot API', () => {
  it('starts a run (202 + Location), then GET /pilot/runs/:id reports steps, duration_seconds and the orchestrator', async () => {
    const call = await start();
    const started = await call('POST', '/pilot/run?tenant=g1&enable_segment=1&enable_embed=1', { texts: TEXTS });
    expect(started.status).toBe(202);
    expect(started.location).toBe(`/pilot/runs/${String(started.body.run!['id'])}`);
    await app!.pilot.wait(String(started.body.run!['id']));
    const { status, body } = await call('GET', started.location!);
    expect(status).toBe(200);
    expect(body.run).toMatchObject({
      status: 'completed', orchestrator: 'sequential', degraded: false, degradations: [], tenant: 'g1', workspace: 'main',
      request: { texts: 24, enable_segment: true, enable_embed: true, enable_analysis: true, embedder: 'hashing-256', requested_by: 'api' },
    });
    expect(body.run!['duration_seconds']).toBeGreaterThan(0);
    expect((body.run!['steps'] as Array<{ name: string; status: string }>).map((s) => `${s.name}:${s.status}`))
      .toEqual(['ingest:completed', 'segment:completed', 'embed:completed', 'analysis:completed']);
    expect((body.run!['analysis'] as { k: number }).k).toBe(3);
  });

  it('honours enable_segment=0 / enable_embed=0 and waits with wait=1', async () => {
    const call = await start();
    const { status, body } = await call('POST', '/pilot/run?tenant=g1&enable_segment=0&enable_embed=0&wait=1', { texts: ['one text', 'another text'] });
    expect(status).toBe(200);
    expect((body.run!['steps'] as Array<{ status: string; reason?: string }>).map((s) => s.status)).toEqual(['completed', 'skipped', 'skipped', 'skipped']);
  });

  it('ingests an uploaded markdown file sent as the body, and files in JSON', async () => {
    const call = await start();
    const md = '# Runbook\n\nRestart the queue worker with `make restart`.\n\n```sh\nmake restart\n```\n';
    const upload = await call('POST', '/pilot/run?tenant=g1&wait=1&filename=runbook.md', md, { 'content-type': 'text/markdown' });
    expect(upload.body.run).toMatchObject({ status: 'completed', request: { files: ['runbook.md'] } });
    const again = await call('POST', '/pilot/run?tenant=g1&wait=1', { files: [{ name: 'runbook.md', content: md }] });
    expect((again.body.run!['steps'] as Array<{ counts: Record<string, number> }>)[0]!.counts).toEqual({ texts: 1, added: 0, duplicates: 1 });
  });

  it('reports a failed ingest as failed with later steps skipped, and the bot keeps serving', async () => {
    const call = await start();
    const { body } = await call('POST', '/pilot/run?tenant=g1&wait=1', { channel: { platform: 'discord', id: '123' } });
    expect(body.run).toMatchObject({ status: 'failed', error: expect.stringMatching(/no discord adapter is running/) });
    expect((body.run!['steps'] as Array<{ status: string }>).map((s) => s.status)).toEqual(['failed', 'skipped', 'skipped', 'skipped']);
    const answer = await app!.router.route({ platform: 'console', tenant: 'g1', channel: 'c', user: 'u', text: 'still there?', history: [] });
    expect('arm' in answer).toBe(true);
  });

  it('refuses bad requests with a clear error', async () => {
    const call = await start();
    expect(await call('POST', '/pilot/run?tenant=g1&enable_embed=maybe', { texts: ['x'] })).toMatchObject({ status: 400, body: { error: 'enable_embed must be 1 or 0, not "maybe"' } });
    expect((await call('POST', '/pilot/run?tenant=g1', { texts: 'x' })).status).toBe(400);
    expect(await call('POST', '/pilot/run?tenant=g1', { files: [{ name: 'x.pdf', content: 'x' }] })).toMatchObject({ status: 400, body: { error: 'x.pdf: only .txt and .md files can be ingested' } });
    expect((await call('POST', '/pilot/run?tenant=g1', { channel: { platform: 'irc', id: '1' } })).body.error).toMatch(/"discord" or "slack"/);
    expect((await call('GET', '/pilot/runs/nope')).status).toBe(404);
    expect((await call('POST', '/pilot/run?tenant=g1', 'x'.repeat(17 * 1024 * 1024), { 'content-type': 'text/plain' })).status).toBe(413);
  });

  it('runs one run per community at a time (409), and is closed without a token (503) or with a wrong one (401)', async () => {
    const call = await start();
    // A channel read that hangs until released keeps the first run in flight.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    app!.pilot.addHistorySource({ platform: 'slack', history: async () => { await gate; return []; } });
    const first = await call('POST', '/pilot/run?tenant=g1', { channel: { platform: 'slack', id: 'C1' } });
    expect(first.status).toBe(202);
    expect(await call('POST', '/pilot/run?tenant=g1', { texts: TEXTS })).toMatchObject({ status: 409, body: { error: expect.stringMatching(/already in progress/) } });
    expect((await call('POST', '/pilot/run?tenant=g2', { texts: TEXTS })).status).toBe(202);
    expect(app!.metrics.pilot.inFlight).toBeDefined();
    expect((await app!.metrics.registry.getSingleMetricAsString('switchboard_pilot_runs_in_flight'))).toMatch(/switchboard_pilot_runs_in_flight [12]/);
    release();
    await app!.pilot.wait(String(first.body.run!['id']));
    expect((await call('GET', '/pilot/runs/x', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
    const off = await start(null);
    expect((await off('GET', '/pilot/runs/x')).status).toBe(503);
  });
});
