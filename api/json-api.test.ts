import { describe, expect, it } from 'vitest';
import { TOKEN, useApiRig } from './api-test-rig.js';
import { mountJsonApi } from './json-api.js';

const rig = useApiRig();

async function start(token: string | null) {
  const { app, clock, port } = await rig({ env: { FEEDBACK_WINDOW_SECONDS: '60' }, token, mount: mountJsonApi });
  const call = async (method: string, path: string, body?: unknown, auth = `Bearer ${TOKEN}`) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method, headers: { authorization: auth, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { app, clock, call };
}

describe('JSON API', () => {
  it('is off without API_TOKEN and refuses a wrong or missing token', async () => {
    const off = await start(null);
    expect((await off.call('GET', '/tenants/t/experiments')).status).toBe(503);
    const { call } = await start(TOKEN);
    expect((await call('GET', '/tenants/t/experiments', undefined, 'Bearer nope')).status).toBe(401);
    expect((await call('GET', '/tenants/t/experiments', undefined, '')).status).toBe(401);
    expect((await call('GET', '/tenants/t/experiments')).status).toBe(200);
  });

  it('runs an experiment end to end: create, status with both variants, stop, promote', async () => {
    const { app, clock, call } = await start(TOKEN);
    const arm = app.arms[3]!.name;
    const created = await call('POST', '/tenants/t/experiments', { name: 'cheap', variant: `arm:${arm}`, share: 0.3 });
    expect(created.status).toBe(201);
    expect((await call('POST', '/tenants/t/experiments', { name: 'second', variant: 'epsilon:0.5' })).body['error']).toMatch(/already running/);
    for (let i = 0; i < 200; i++) {
      await app.router.route({ platform: 'console', tenant: 't', channel: 'c', user: `m${i}`, text: 'hello there', history: [] });
      clock.advance(1000);
    }
    clock.advance(61_000);
    app.closer.closeDue();
    const status = await call('GET', '/tenants/t/experiments/cheap');
    expect(status.status).toBe(200);
    const variants = status.body['variants'] as Array<{ name: string; requests: number }>;
    expect(variants.map((v) => v.name)).toEqual(['A', 'B']);
    expect(variants[0]!.requests + variants[1]!.requests).toBe(200);
    expect(status.body['verdicts']).toHaveLength(1);
    const timeline = status.body['timeline'] as { variants: Array<{ name: string; points: Array<{ mean: number }> }> };
    expect(timeline.variants.map((v) => v.name)).toEqual(['A', 'B']);
    expect(timeline.variants.every((v) => v.points.length > 0 && v.points.every((pt) => Number.isFinite(pt.mean)))).toBe(true);
    expect((await call('POST', '/tenants/t/experiments/cheap/stop')).body['experiment']).toMatchObject({ status: 'stopped' });
    expect((await call('POST', '/tenants/t/experiments/cheap/promote', { variant: 'B' })).body['default']).toMatchObject({ variant: 'B' });
    const list = await call('GET', '/tenants/t/experiments');
    expect(list.body['default']).toMatchObject({ policyVersion: 'experiment:cheap/B' });
    const stats = await call('GET', '/tenants/t/router/stats?period=7d');
    expect((stats.body['arms'] as Array<{ decisions: number }>).reduce((n, a) => n + a.decisions, 0)).toBe(200);
    expect((await call('GET', '/tenants/t/router/stats?period=1y')).status).toBe(400);
    expect((await call('POST', '/tenants/t/experiments/cheap/promote', 'not an object')).status).toBe(400);
  });

  it('creates an A/B/n experiment from "variants", with a total share split evenly or one share each', async () => {
    const { app, clock, call } = await start(TOKEN);
    const arm = app.arms[3]!.name;
    const even = await call('POST', '/tenants/t/experiments', { name: 'even', variants: [`arm:${arm}`, 'epsilon:0.2'], share: 0.4 });
    expect(even.status).toBe(201);
    expect(even.body['experiment']).toMatchObject({
      control: 'A',
      variants: [
        { name: 'A', share: 0.6, policy: { kind: 'bandit' } },
        { name: 'B', share: 0.2, policy: { kind: 'fixed-arm', arm } },
        { name: 'C', share: 0.2, policy: { kind: 'bandit', overrides: { epsilon: 0.2 } } },
      ],
    });
    for (let i = 0; i < 90; i++) {
      await app.router.route({ platform: 'console', tenant: 't', channel: 'c', user: `m${i}`, text: 'hello there', history: [] });
      clock.advance(1000);
    }
    const status = await call('GET', '/tenants/t/experiments/even');
    const variants = status.body['variants'] as Array<{ name: string; requests: number }>;
    expect(variants.map((v) => v.name)).toEqual(['A', 'B', 'C']);
    // 20 % of 90 members each: about 18, and none left out.
    expect(variants.every((v) => v.requests > 5)).toBe(true);
    expect((status.body['verdicts'] as Array<{ variant: string }>).map((v) => v.variant)).toEqual(['B', 'C']);
    await call('POST', '/tenants/t/experiments/even/stop');

    const each = await call('POST', '/tenants/t/experiments', { name: 'each', variants: ['alpha:0', 'lambda:5', 'epsilon:0.1'], share: [0.1, 0.2, 0.3] });
    expect((each.body['experiment'] as { variants: Array<{ name: string; share: number }> }).variants.map((v) => [v.name, v.share]))
      .toEqual([['A', expect.closeTo(0.4, 12)], ['B', 0.1], ['C', 0.2], ['D', 0.3]]);
    await call('POST', '/tenants/t/experiments/each/stop');
    // One string with several specs reads as on the command line.
    const joined = await call('POST', '/tenants/t/experiments', { name: 'joined', variant: 'alpha:0;lambda:5' });
    expect((joined.body['experiment'] as { variants: unknown[] }).variants).toHaveLength(3);
    await call('POST', '/tenants/t/experiments/joined/stop');

    const refused = async (body: unknown) => (await call('POST', '/tenants/t/experiments', body)).body['error'];
    expect(await refused({ name: 'x', variant: 'alpha:0', variants: ['alpha:1'] })).toMatch(/not both/);
    expect(await refused({ name: 'x', variants: [] })).toMatch(/non-empty array/);
    expect(await refused({ name: 'x', variants: 'alpha:0' })).toMatch(/non-empty array/);
    expect(await refused({ name: 'x', variants: ['alpha:0', 'alpha:1'], share: [0.5, 0.5] })).toMatch(/control needs some members/);
    expect(await refused({ name: 'x', variants: ['alpha:0', 'alpha:1'], share: [0.5] })).toBeUndefined();
  });
});
