import { sendJson, startFakeHttp, type RecordedRequest } from './fake-http.js';
import { startFakeSlackSocket, type FakeSlackSocket } from './fake-slack-socket.js';

/** One Web API call as the fake received it: form fields (JSON-valued ones such as `blocks` parsed). */
export interface SlackApiCall {
  method: string;
  args: Record<string, unknown>;
  /** From `Authorization: Bearer …`. */
  token: string | undefined;
  /** Arrival time, epoch ms. */
  at: number;
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

export const FAKE_SLACK_IDENTITY = { botId: 'B0BOT', botUserId: 'U0BOT', teamId: 'T0TEAM' } as const;

export interface FakeSlack {
  url: string;
  /** For SLACK_API_URL / clientOptions.slackApiUrl. */
  apiUrl: string;
  responseUrl(id: string): string;
  calls: SlackApiCall[];
  responses: SlackResponsePost[];
  callsTo(method: string): SlackApiCall[];
  /** What conversations.replies answers for this thread (oldest first, the parent included). */
  setThread(channel: string, threadTs: string, messages: ThreadMessage[]): void;
  socket: FakeSlackSocket;
  close(): Promise<void>;
}

/**
 * Slack on loopback: the Web API under /api/<method> (answering `{ok:true,…}` with what the bot
 * needs: ts for posted messages, thread history, the bot's identity, the Socket Mode URL), a
 * response_url endpoint under /respond/<id>, and the Socket Mode websocket. Every call is recorded.
 */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackApiCall[] = [];
  const responses: SlackResponsePost[] = [];
  const threads = new Map<string, ThreadMessage[]>();
  const socket = await startFakeSlackSocket();
  let seq = 0;
  // Later than every question ts the tests use, so answers sort after the messages they answer.
  const nextTs = () => `1750000000.${String(++seq).padStart(6, '0')}`;

  const http = await startFakeHttp((req, res) => {
    const respond = /^\/respond\/([^/?]+)/.exec(req.path);
    if (respond) {
      responses.push({ id: respond[1]!, body: (typeof req.body === 'object' && req.body ? req.body : {}) as Record<string, unknown> });
      sendJson(res, 200, { ok: true });
      return;
    }
    const api = /^\/api\/([\w.]+)/.exec(req.path);
    if (!api || req.method !== 'POST') {
      sendJson(res, 404, { ok: false, error: 'unknown_method' });
      return;
    }
    const call: SlackApiCall = { method: api[1]!, args: fields(req), token: bearer(req), at: Date.now() };
    calls.push(call);
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
      case 'auth.test':
        return {
          ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'switchboard', team_id: FAKE_SLACK_IDENTITY.teamId,
          user_id: FAKE_SLACK_IDENTITY.botUserId, bot_id: FAKE_SLACK_IDENTITY.botId,
        };
      case 'apps.connections.open':
        return { ok: true, url: socket.url };
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
    callsTo: (method) => calls.filter((c) => c.method === method),
    setThread: (channel, threadTs, messages) => threads.set(`${channel}:${threadTs}`, messages),
    socket,
    close: async () => {
      await socket.close();
      await http.close();
    },
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
