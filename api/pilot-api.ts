import type { App } from '../bot/app.js';
import { parseSince } from '../commands/pilot.js';
import { checkUploadName, type IngestRequest } from '../pilot/ingest.js';
import { runToJson } from '../pilot/run-json.js';
import { json, type HttpServer } from '../telemetry/index.js';
import { guard, HttpError, readBody, readJson } from './http-guard.js';

/** Pasted texts and uploaded files can be large; channel history is read by the bot, not posted. */
const MAX_BODY = 16 * 1024 * 1024;

function flag(url: URL, name: string, fallback: boolean): boolean {
  const value = url.searchParams.get(name);
  if (value === null) return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new Error(`${name} must be 1 or 0, not "${value}"`);
}

/**
 * The pilot pipeline over HTTP (bearer API_TOKEN, like /api/v1):
 *
 *   POST /pilot/run?tenant=T&enable_segment=1&enable_embed=1[&enable_analysis=1][&wait=1]
 *        JSON {"texts": ["…" | {"text", "id"?, "channel"?, "author"?, "url"?}], "files": [{"name": "notes.md", "content"}],
 *              "channel": {"platform": "discord" | "slack", "id": "…", "since": "7d"}, "workspace"?}
 *        or a text/plain or text/markdown body with ?filename=notes.md
 *        → 202 {"run": …} (200 with the finished run when wait=1)
 *   GET  /pilot/runs/:id → {"run": …} with steps, duration_seconds, orchestrator, degradations, analysis
 */
export function mountPilotApi(http: HttpServer, app: App, token: string | undefined): void {
  http.route('POST', '/pilot/run', guard(token, async (req, res, _params, url) => {
    const tenant = url.searchParams.get('tenant') ?? 'local';
    const type = String(req.headers['content-type'] ?? 'application/json');
    let ingest: IngestRequest;
    let workspace: string | undefined;
    if (/^text\/(plain|markdown)/.test(type)) {
      const name = url.searchParams.get('filename') ?? (type.startsWith('text/markdown') ? 'upload.md' : 'upload.txt');
      ingest = { files: [{ name, content: await readBody(req, MAX_BODY) }] };
    } else {
      const body = await readJson(req, MAX_BODY);
      ingest = ingestFromJson(body, app);
      workspace = body['workspace'] === undefined ? undefined : String(body['workspace']);
      if (workspace !== undefined && !/^[^\s:]+$/.test(workspace)) throw new Error('workspace must be a name without spaces or colons');
    }
    const steps = { segment: flag(url, 'enable_segment', true), embed: flag(url, 'enable_embed', true), analysis: flag(url, 'enable_analysis', true) };
    const wait = flag(url, 'wait', false);
    for (const file of ingest.files ?? []) checkUploadName(file.name);
    let run;
    try {
      run = app.pilot.start({ tenant, ...(workspace ? { workspace } : {}), ...ingest, requestedBy: 'api', steps });
    } catch (error) {
      throw new HttpError(409, (error as Error).message);
    }
    if (wait) return json(res, 200, { run: runToJson((await app.pilot.wait(run.id))!) });
    json(res, 202, { run: runToJson(run) }, { location: `/pilot/runs/${run.id}` });
  }));
  http.route('GET', '/pilot/runs/:id', guard(token, (_req, res, params) => {
    const run = app.pilot.run(params['id']!);
    if (!run) return json(res, 404, { error: `no pilot run ${params['id']}` });
    json(res, 200, { run: runToJson(run) });
  }));
}

function ingestFromJson(body: Record<string, unknown>, app: App): IngestRequest {
  const texts = body['texts'];
  const files = body['files'];
  const channel = body['channel'] as Record<string, unknown> | undefined;
  if (texts !== undefined && !Array.isArray(texts)) throw new Error('"texts" must be an array of strings or {"text": …} objects');
  if (files !== undefined && !(Array.isArray(files) && files.every((f) => typeof f?.name === 'string' && typeof f?.content === 'string'))) {
    throw new Error('"files" must be an array of {"name": "notes.md", "content": "…"}');
  }
  const request: IngestRequest = {};
  if (texts) request.texts = texts.map((t: unknown) => (typeof t === 'string' ? { text: t } : (t as { text: string })));
  if (files) request.files = files as IngestRequest['files'];
  if (channel !== undefined) {
    const platform = channel['platform'];
    if (platform !== 'discord' && platform !== 'slack') throw new Error('"channel.platform" must be "discord" or "slack"');
    if (typeof channel['id'] !== 'string' || !channel['id']) throw new Error('"channel.id" must be the channel id');
    request.history = {
      platform, channel: channel['id'], since: parseSince(String(channel['since'] ?? '7d'), app.clock.now()), limit: app.config.pilot.historyLimit,
    };
  }
  return request;
}
