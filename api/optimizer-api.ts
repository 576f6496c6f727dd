import type { App } from '../bot/app.js';
import { monitorTenant } from '../optimizer/loop/tenant-monitor.js';
import { json, type HttpServer } from '../telemetry/index.js';
import { guard } from './http-guard.js';

/**
 * The optimizer over the JSON API (bearer API_TOKEN), what /optimizer shows and does:
 *
 *   GET  /api/v1/tenants/:tenant/optimizer              runs, deployments, canary, trend, anomalies, recommendations
 *   GET  /api/v1/tenants/:tenant/optimizer/runs/:id     one run with its trials
 *   POST /api/v1/tenants/:tenant/optimizer/run          → 202 {"run"} (409 while another run holds the lock)
 *   POST /api/v1/tenants/:tenant/optimizer/rollback     → 200 {"deployment"} (404 when no canary runs)
 */
export function mountOptimizerApi(http: HttpServer, app: App, token: string | undefined): void {
  const base = '/api/v1/tenants/:tenant/optimizer';
  const store = app.store.optimizer;
  http.route('GET', base, guard(token, (_req, res, p) => {
    const tenant = p['tenant']!;
    const canary = store.canaries().find((d) => d.tenant === tenant);
    json(res, 200, {
      tenant, running: app.optimizer.running,
      runs: store.recentRuns(tenant, 10).map(({ trials: _trials, ...run }) => run),
      deployments: store.recentDeployments(tenant, 10),
      canary: canary ? { ...canary, report: app.experiments.status(tenant, canary.experimentName) } : null,
      monitor: monitorTenant(store, tenant, app.clock.now()),
    });
  }));
  http.route('GET', `${base}/runs/:id`, guard(token, (_req, res, p) => {
    const run = store.run(p['id']!);
    if (!run || run.tenant !== p['tenant']) return json(res, 404, { error: `no optimizer run ${p['id']} in this community` });
    json(res, 200, { run });
  }));
  http.route('POST', `${base}/run`, guard(token, (_req, res, p) => {
    const started = app.optimizer.start(p['tenant']!, 'manual');
    if (!started) return json(res, 409, { error: 'another optimizer run is in progress; try again when it ends' });
    json(res, 202, { run: started.run }, { location: `/api/v1/tenants/${p['tenant']}/optimizer/runs/${started.run.id}` });
  }));
  http.route('POST', `${base}/rollback`, guard(token, (_req, res, p) => {
    const ended = app.optimizer.rollback(p['tenant']!, 'the JSON API');
    if (!ended) return json(res, 404, { error: 'no optimizer canary is running in this community' });
    json(res, 200, { deployment: ended });
  }));
}
