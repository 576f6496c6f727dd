import type { App } from '../bot/app.js';
import { parseShares, parseVariantSpec, parseVariantSpecs } from '../commands/abtest-spec.js';
import type { VariantPolicy } from '../store/experiment-records.js';
import { STATS_PERIODS } from '../commands/router-stats.js';
import { json, type HttpServer } from '../telemetry/index.js';
import { guard, readJson as readJsonBody, type GuardedHandler } from './http-guard.js';

const MAX_BODY = 64 * 1024;

/**
 * The JSON API under /api/v1 for what the admin slash commands show and do, per tenant (guild or
 * workspace id). Every request needs `Authorization: Bearer <API_TOKEN>`; with no API_TOKEN set the
 * API answers 503 and says so, rather than being open.
 *
 *   GET  /api/v1/tenants/:tenant/router/stats?period=24h
 *   GET  /api/v1/tenants/:tenant/experiments
 *   POST /api/v1/tenants/:tenant/experiments            {"name", "variant": "arm:<arm>" | "epsilon:0.2,…", "share": 0.3}
 *        A/B/n: "variants": ["arm:<arm>", "epsilon:0.2"] (B, C…) instead of "variant"; "share" is the
 *        challengers' total, split evenly, or one per variant: [0.2, 0.1]
 *   GET  /api/v1/tenants/:tenant/experiments/:name      the status report (per variant, SRM, verdicts) and `timeline`
 *   POST /api/v1/tenants/:tenant/experiments/:name/stop
 *   POST /api/v1/tenants/:tenant/experiments/:name/promote  {"variant": "B"}
 */
export function mountJsonApi(http: HttpServer, app: App, token: string | undefined): void {
  const guarded = (handler: GuardedHandler) => guard(token, handler);
  const base = '/api/v1/tenants/:tenant';
  const engine = app.experiments;

  http.route('GET', `${base}/router/stats`, guarded((_req, res, p, url) => {
    const period = url.searchParams.get('period') ?? '24h';
    const span = STATS_PERIODS[period];
    if (span === undefined) throw new Error(`period must be one of ${Object.keys(STATS_PERIODS).join(', ')}`);
    json(res, 200, { tenant: p['tenant'], period, arms: app.store.armStats(p['tenant']!, app.clock.now() - span) });
  }));
  http.route('GET', `${base}/experiments`, guarded((_req, res, p) => {
    json(res, 200, { experiments: engine.list(p['tenant']!), default: engine.tenantDefault(p['tenant']!) ?? null });
  }));
  http.route('POST', `${base}/experiments`, guarded(async (req, res, p) => {
    const body = await readJson(req);
    const policies = challengerPolicies(body);
    const shares = parseShares(body['share'] as string | number | unknown[] | undefined, policies.length);
    const experiment = engine.createAb({
      tenant: p['tenant']!, name: String(body['name'] ?? ''), challengers: policies.map((policy, i) => ({ policy, share: shares[i]! })),
    });
    json(res, 201, { experiment });
  }));
  // The report plus the chart's data: each variant's running mean reward and interval over time.
  http.route('GET', `${base}/experiments/:name`, guarded((_req, res, p) => {
    json(res, 200, { ...engine.status(p['tenant']!, p['name']!), timeline: engine.timeline(p['tenant']!, p['name']!) });
  }));
  http.route('POST', `${base}/experiments/:name/stop`, guarded((_req, res, p) => {
    json(res, 200, { experiment: engine.stop(p['tenant']!, p['name']!) });
  }));
  http.route('POST', `${base}/experiments/:name/promote`, guarded(async (req, res, p) => {
    const body = await readJson(req);
    json(res, 200, { default: engine.promote(p['tenant']!, p['name']!, String(body['variant'] ?? '')) });
  }));
}

/** `variants` (an array of specs) or `variant` (one spec, or several separated as in the command), not both. */
function challengerPolicies(body: Record<string, unknown>): VariantPolicy[] {
  const list = body['variants'];
  if (list === undefined) return parseVariantSpecs(String(body['variant'] ?? ''));
  if (body['variant'] !== undefined) throw new Error('give "variant" or "variants", not both');
  if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === 'string')) throw new Error('"variants" must be a non-empty array of variant specs');
  return list.map(parseVariantSpec);
}

function readJson(req: Parameters<GuardedHandler>[0]): Promise<Record<string, unknown>> {
  return readJsonBody(req, MAX_BODY);
}
