import { describe, expect, it } from 'vitest';
import type { App } from '../bot/app.js';
import { until } from '../test/until.js';
import { TOKEN, useApiRig } from './api-test-rig.js';
import { mountOptimizerApi } from './optimizer-api.js';

// Response bodies are read field by field below; their exact types are the API's contract, asserted by value.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const rig = useApiRig();
let app: App | undefined;

async function start() {
  const started = await rig({
    env: { FEEDBACK_WINDOW_SECONDS: '60', OPTIMIZER_MIN_REWARDS: '20' },
    overrides: {
      tune: async () => ({
        best: { epsilon: 0.2 }, bestEstimate: { value: 0.4, lower: 0.3, upper: 0.5 }, currentEstimate: { value: 0.2, lower: 0.1, upper: 0.3 },
        gain: { value: 0.2, lower: 0.05, upper: 0.35 }, trials: [{ params: { epsilon: 0.2 }, value: 0.4, lower: 0.3, upper: 0.5 }],
      }),
    },
    mount: mountOptimizerApi,
  });
  app = started.app;
  for (let i = 0; i < 30; i++) await app.router.route({ platform: 'console', tenant: 'g1', channel: 'c', user: `m${i}`, text: 'hello', history: [] });
  started.clock.advance(61_000);
  app.closer.closeDue();
  return async (method: string, path: string, auth = `Bearer ${TOKEN}`) => {
    const res = await fetch(`http://127.0.0.1:${started.port}/api/v1/tenants/g1/optimizer${path}`, { method, headers: { authorization: auth } });
    return { status: res.status, body: (await res.json()) as Json };
  };
}

describe('optimizer API', () => {
  it('runs the optimizer, shows the run, the canary and the monitor, and rolls the canary back', async () => {
    const call = await start();
    const started = await call('POST', '/run');
    expect(started.status).toBe(202);
    const id = started.body['run'].id as string;
    await until(() => !app!.optimizer.running, 'the run to finish');
    const run = await call('GET', `/runs/${id}`);
    expect(run.body['run']).toMatchObject({ status: 'deployed', logs: 30, gain: { lower: 0.05 }, trials: [{ params: { epsilon: 0.2 } }] });
    const overview = await call('GET', '');
    expect(overview.body).toMatchObject({ tenant: 'g1', running: false, runs: [{ id, status: 'deployed' }], canary: { params: { epsilon: 0.2 }, share: 0.1 } });
    expect(overview.body['canary'].report.variants.map((v: { name: string }) => v.name)).toEqual(['A', 'B']);
    expect(overview.body['monitor'].recommendations.length).toBeGreaterThan(0);
    expect((await call('POST', '/rollback')).body['deployment']).toMatchObject({ status: 'rolled-back', reason: 'rolled back by the JSON API' });
    expect((await call('POST', '/rollback')).status).toBe(404);
    expect((await call('GET', '/runs/nope')).status).toBe(404);
    expect((await call('GET', '', 'Bearer wrong')).status).toBe(401);
  });
});
