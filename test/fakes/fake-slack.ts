import { sendJson, startFakeHttp, type RecordedRequest } from './fake-http.js';
import { FakeSlackFiles, UPLOAD_PATH, type SlackUpload } from './fake-slack-files.js';
import { startFakeSlackSocket, type FakeSlackSocket } from './fake-slack-socket.js';

export type { SlackUpload } from './fake-slack-files.js';

/** One Web API call as the fake received it: form fields (JSON-valued ones such as `blocks` parsed). */
export interface SlackApiCall {
  method: string;
  args: Record<string, unknown>;
  /** From `Authorization: Bearer …`. */
  token: string | undefined;
  /** Arrival time, epoch ms. */
  at: number;
  /** Answered with HTTP 429 instead of served (see rateLimitNext). */
  rateLimited?: boolean;
}

/** A post to a response_url (what respond() sends). */
export interface SlackResponsePost {
  id: string;
  body: Record<string, unknown>;
}

/** A message of a thread as conversations.replies returns it. */
export interface ThreadMessage {
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  thread_ts?: string;
}

/** A top-level channel message as conversations.history returns it. */
export interface ChannelMessage extends ThreadMessage {
  subtype?: string;
}

export const FAKE_SLACK_IDENTITY = { botId: 'B0BOT', botUserId: 'U0BOT', teamId: 'T0TEAM' } as const;
/** What auth.test answers as the workspace's `url` (message links start with it). */
export const FAKE_SLACK_WORKSPACE_URL = 'https://fake.slack.test/';

export interface FakeSlack {
  url: string;
  /** For SLACK_API_URL / clientOptions.slackApiUrl. */
  apiUrl: string;
  responseUrl(id: string): string;
  calls: SlackApiCall[];
  responses: SlackResponsePost[];
  /** Files uploaded with files.uploadV2, with their bytes once posted and their channel once completed. */
  uploads: SlackUpload[];
  /** Makes files.completeUploadExternal fail with this error, as Slack does outside the bot's channels. */
  refuseUploads(error: string): void;
  callsTo(method: string): SlackApiCall[];
  /** What conversations.replies answers for this thread (oldest first, the parent included). */
  setThread(channel: string, threadTs: string, messages: ThreadMessage[]): void;
  /** What conversations.history pages through for this channel (any order: served newest first). */
  setChannelHistory(channel: string, messages: ChannelMessage[]): void;
  /** Answers the next call to `method` with HTTP 429 and `Retry-After: retryAfterSeconds`. */
  rateLimitNext(method: string, retryAfterSeconds: number): void;
  socket: FakeSlackSocket;
  close(): Promise<void>;
}

/**
 * Slack on loopback: the Web API under /api/<method> (answering `{ok:true,…}` with what the bot
 * needs: ts for posted messages, thread history, the bot's identity, the Socket Mode URL), a
 * response_url endpoint under /respond/<id>, file uploads' byte endpoint under /upload/<file id>,
 * and the Socket Mode websocket. Every call is recorded.
 */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackApiCall[] = [];
  const responses: SlackResponsePost[] = [];
  const threads = new Map<string, ThreadMessage[]>();
  const histories = new Map<string, ChannelMessage[]>();
  const rateLimits: Array<{ method: string; retryAfterSeconds: number }> = [];
  const socket = await startFakeSlackSocket();
  let seq = 0;
  // Upload URLs point back at this server, whose address is known once it listens.
  const files = new FakeSlackFiles(() => http.url);
  // Later than every question ts the tests use, so answers sort after the messages they answer.
  const nextTs = () => `1750000000.${String(++seq).padStart(6, '0')}`;

  const http = await startFakeHttp((req, res) => {
    const respond = /^\/respond\/([^/?]+)/.exec(req.path);
    if (respond) {
      responses.push({ id: respond[1]!, body: (typeof req.body === 'object' && req.body ? req.body : {}) as Record<string, unknown> });
      sendJson(res, 200, { ok: true });
      return;
    }
    if (req.path.startsWith(UPLOAD_PATH)) {
      files.receive(req, res, req.path.slice(UPLOAD_PATH.length));
      return;
    }
    const api = /^\/api\/([\w.]+)/.exec(req.path);
    if (!api || req.method !== 'POST') {
      sendJson(res, 404, { ok: false, error: 'unknown_method' });
      return;
    }
    const call: SlackApiCall = { method: api[1]!, args: fields(req), token: bearer(req), at: Date.now() };
    calls.push(call);
    const limited = rateLimits.findIndex((r) => r.method === call.method);
    if (limited >= 0) {
      call.rateLimited = true;
      sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(rateLimits.splice(limited, 1)[0]!.retryAfterSeconds) });
      return;
    }
    sendJson(res, 200, answer(call));
  });

  function answer({ method, args }: SlackApiCall): Record<string, unknown> {
    switch (method) {
      case 'chat.postMessage': {
        const ts = nextTs();
        return { ok: true, channel: args['channel'], ts, message: { type: 'message', text: args['text'], ts, thread_ts: args['thread_ts'] } };
      }
      case 'chat.update':
        return { ok: true, channel: args['channel'], ts: args['ts'], text: args['text'] };
      case 'conversations.replies':
        return { ok: true, messages: threads.get(`${String(args['channel'])}:${String(args['ts'])}`) ?? [], has_more: false, response_metadata: { next_cursor: '' } };
      case 'conversations.history':
        return historyPage(histories.get(String(args['channel'])), args);
      case 'auth.test':
        return {
          ok: true, url: FAKE_SLACK_WORKSPACE_URL, team: 'Fake', user: 'switchboard', team_id: FAKE_SLACK_IDENTITY.teamId,
          user_id: FAKE_SLACK_IDENTITY.botUserId, bot_id: FAKE_SLACK_IDENTITY.botId,
        };
      case 'apps.connections.open':
        return { ok: true, url: socket.url };
      case 'files.getUploadURLExternal':
        return files.getUploadUrl(args);
      case 'files.completeUploadExternal':
        return files.complete(args);
      default:
        return { ok: true };
    }
  }

  return {
    url: http.url,
    apiUrl: `${http.url}/api/`,
    responseUrl: (id) => `${http.url}/respond/${id}`,
    calls,
    responses,
    uploads: files.uploads,
    refuseUploads: (error) => {
      files.refusal = error;
    },
    callsTo: (method) => calls.filter((c) => c.method === method),
    setThread: (channel, threadTs, messages) => threads.set(`${channel}:${threadTs}`, messages),
    setChannelHistory: (channel, messages) => histories.set(channel, messages),
    rateLimitNext: (method, retryAfterSeconds) => rateLimits.push({ method, retryAfterSeconds }),
    socket,
    close: async () => {
      await socket.close();
      await http.close();
    },
  };
}

/** A ts as an exact, comparable number ('1700000000.0001' → 1700000000000100n). */
function tsKey(ts: string): bigint {
  const [seconds = '0', micros = ''] = ts.split('.');
  return BigInt(seconds) * 1_000_000n + BigInt(micros.padEnd(6, '0').slice(0, 6));
}

/**
 * conversations.history as Slack answers it: newest first, between `oldest` and `latest`
 * (exclusive unless `inclusive`), `limit` a page (default 100, at most 999), and an opaque cursor
 * (base64 of `next_ts:<ts>`, like Slack's) while `has_more`. An unknown channel is channel_not_found.
 */
function historyPage(messages: ChannelMessage[] | undefined, args: Record<string, unknown>): Record<string, unknown> {
  if (!messages) return { ok: false, error: 'channel_not_found' };
  const inclusive = args['inclusive'] === 'true' || args['inclusive'] === true || args['inclusive'] === '1';
  const oldest = tsKey(String(args['oldest'] ?? '0'));
  const latest = args['latest'] === undefined ? undefined : tsKey(String(args['latest']));
  const limit = Math.min(999, Math.max(1, Number(args['limit'] ?? 100) || 100));
  const cursor = typeof args['cursor'] === 'string' && args['cursor'] ? Buffer.from(args['cursor'], 'base64').toString('utf8') : undefined;
  if (cursor !== undefined && !cursor.startsWith('next_ts:')) return { ok: false, error: 'invalid_cursor' };
  const from = cursor === undefined ? undefined : tsKey(cursor.slice('next_ts:'.length));
  const matching = messages
    .filter((m) => {
      const key = tsKey(m.ts);
      return (inclusive ? key >= oldest : key > oldest) && (latest === undefined || (inclusive ? key <= latest : key < latest)) && (from === undefined || key <= from);
    })
    .sort((a, b) => (tsKey(b.ts) > tsKey(a.ts) ? 1 : -1));
  const page = matching.slice(0, limit);
  const next = matching[limit];
  return {
    ok: true, messages: page.map((m) => ({ type: 'message', ...m })), has_more: next !== undefined, pin_count: 0,
    response_metadata: { next_cursor: next ? Buffer.from(`next_ts:${next.ts}`).toString('base64') : '' },
  };
}

/** The Web API client posts forms; JSON-valued fields (blocks, attachments) come as JSON text. */
function fields(req: RecordedRequest): Record<string, unknown> {
  if (typeof req.body === 'object' && req.body !== null) return req.body as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(typeof req.body === 'string' ? req.body : '')) {
    out[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return out;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function bearer(req: RecordedRequest): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}
