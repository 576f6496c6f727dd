import type { ServerResponse } from 'node:http';
import { sendJson, type FakeHandler, type RecordedRequest } from './fake-http.js';
import { APP_ID, BOT, guildCreateJson, messageJson, type ApiObject } from './fake-discord-world.js';

/** What the REST side shares with the gateway side of the fake. */
export interface FakeDiscordState {
  gatewayUrl: string;
  /** Every message, by id, as Discord would return it now (edits applied). */
  messages: Map<string, ApiObject>;
  /** Guild of each guild channel or thread; DM channels map to undefined. */
  guildOf: Map<string, string | undefined>;
  /** Interaction token → where the interaction happened, for its webhook follow-ups. */
  interactions: Map<string, { channelId: string; guildId: string | undefined }>;
  /** Called after the bot created a message (Discord echoes it on the gateway). */
  onBotMessage(message: ApiObject): void;
  /** Channels GET /channels/{id} knows beyond the guild's own (which come from GUILD_CREATE's data). */
  channels: Map<string, ApiObject>;
  /** Channels the bot may not see: their routes answer 403 Missing Access. */
  forbidden: Set<string>;
  /** Requests to answer once each with a 429 before serving them: the first match is used up. */
  rateLimits: Array<{ method: string; pattern: RegExp; retryAfterSeconds: number }>;
}

const API = '/api/v10';

/** Discord's answer to a body it refuses (a message over 2,000 characters, or empty). */
function invalidForm(res: ServerResponse, why: string): void {
  sendJson(res, 400, { code: 50035, message: 'Invalid Form Body', errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: why }] } } });
}

// A 204 must not claim a JSON body: discord.js would try to parse the empty one.
function noContent(res: ServerResponse): void {
  res.writeHead(204);
  res.end();
}

function unknown(res: ServerResponse, code: number, message: string): void {
  sendJson(res, 404, { code, message });
}

/**
 * A per-route 429 as Discord sends it: the bucket spent (remaining 0, reset-after) and retry-after.
 * Real Discord puts whole seconds in the Retry-After header (the body's retry_after has decimals);
 * discord.js reads the header as a number, so a fraction keeps tests quick.
 */
function rateLimited(res: ServerResponse, seconds: number): void {
  sendJson(res, 429, { message: 'You are being rate limited.', retry_after: seconds, global: false }, {
    'retry-after': String(seconds), 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String(Date.now() / 1000 + seconds), 'x-ratelimit-reset-after': String(seconds),
    'x-ratelimit-bucket': 'fake-bucket', 'x-ratelimit-scope': 'user',
  });
}

/** GET /channels/{id}/messages as Discord answers it: newest first, `before` / `after` / `around`, 1 ≤ limit ≤ 100 (default 50). */
function messagePage(res: ServerResponse, state: FakeDiscordState, channelId: string, query: URLSearchParams): void {
  const limit = Number(query.get('limit') ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return sendJson(res, 400, { code: 50035, message: 'Invalid Form Body', errors: { limit: { _errors: [{ code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 100.' }] } } });
  }
  const id = (msg: ApiObject) => BigInt(String(msg['id']));
  const inChannel = [...state.messages.values()].filter((msg) => msg['channel_id'] === channelId).sort((a, b) => (id(b) > id(a) ? 1 : -1));
  const [before, after, around] = ['before', 'after', 'around'].map((k) => (query.has(k) ? BigInt(query.get(k)!) : undefined));
  let page: ApiObject[];
  if (after !== undefined) {
    // The `limit` messages right after the id, still listed newest first.
    const newer = inChannel.filter((msg) => id(msg) > after);
    page = newer.slice(Math.max(0, newer.length - limit));
  } else if (around !== undefined) {
    const older = inChannel.filter((msg) => id(msg) <= around);
    const newer = inChannel.filter((msg) => id(msg) > around);
    const half = Math.floor(limit / 2);
    page = [...newer.slice(Math.max(0, newer.length - half)), ...older.slice(0, limit - Math.min(half, newer.length))];
  } else {
    page = inChannel.filter((msg) => before === undefined || id(msg) < before).slice(0, limit);
  }
  sendJson(res, 200, page);
}

function badContent(body: ApiObject, editing: boolean): string | undefined {
  const content = body['content'];
  if (typeof content === 'string' && content.length > 2000) return `content is ${content.length} characters, over 2000`;
  const components = body['components'];
  const hasComponents = Array.isArray(components) && components.length > 0;
  if (!editing && !hasComponents && (typeof content !== 'string' || content.trim() === '')) return 'cannot send an empty message';
  if (editing && typeof content === 'string' && content.trim() === '' && !hasComponents) return 'cannot make a message empty';
  return undefined;
}

/** The REST routes the bot calls (TESTING.md), answered from `state`; the fake's HTTP server records each request. */
export function discordRestHandler(state: FakeDiscordState): FakeHandler {
  const createMessage = (res: ServerResponse, channelId: string, body: ApiObject) => {
    const refused = badContent(body, false);
    if (refused) return invalidForm(res, refused);
    const ref = body['message_reference'] as { message_id?: string } | undefined;
    const referenced = ref?.message_id ? state.messages.get(ref.message_id) : undefined;
    if (ref?.message_id && !referenced) return sendJson(res, 400, { code: 50035, message: 'Invalid Form Body: Unknown message' });
    const message = messageJson({
      channelId, guildId: state.guildOf.get(channelId), author: BOT, content: String(body['content'] ?? ''),
      components: (body['components'] as unknown[] | undefined) ?? [], ...(referenced ? { reference: referenced } : {}),
    });
    state.messages.set(String(message['id']), message);
    sendJson(res, 200, message);
    state.onBotMessage(message);
  };

  const editMessage = (res: ServerResponse, id: string, body: ApiObject) => {
    const message = state.messages.get(id);
    if (!message) return unknown(res, 10008, 'Unknown Message');
    const refused = badContent(body, true);
    if (refused) return invalidForm(res, refused);
    if ('content' in body) message['content'] = body['content'];
    if ('components' in body) message['components'] = body['components'];
    message['edited_timestamp'] = new Date().toISOString();
    sendJson(res, 200, message);
  };

  const webhookMessage = (token: string, body: ApiObject): ApiObject | undefined => {
    const where = state.interactions.get(token);
    if (!where) return undefined;
    const message = messageJson({ channelId: where.channelId, guildId: where.guildId, author: BOT, content: String(body['content'] ?? '') });
    return { ...message, application_id: APP_ID, webhook_id: APP_ID, flags: Number(body['flags'] ?? 0) };
  };

  return (req: RecordedRequest, res) => {
    const url = new URL(req.path, 'http://fake');
    if (!url.pathname.startsWith(API)) return unknown(res, 0, '404: Not Found');
    // discord.js encodes '@original' as %40original: routes are matched on the decoded path.
    const path = decodeURIComponent(url.pathname.slice(API.length));
    const body = (req.body ?? {}) as ApiObject;
    let m: RegExpExecArray | null;

    const limit = state.rateLimits.findIndex((r) => r.method === req.method && r.pattern.test(path));
    if (limit >= 0) return rateLimited(res, state.rateLimits.splice(limit, 1)[0]!.retryAfterSeconds);
    if ((m = /^\/channels\/(\d+)/.exec(path)) && state.forbidden.has(m[1]!)) return sendJson(res, 403, { code: 50001, message: 'Missing Access' });

    if (req.method === 'GET' && path === '/gateway/bot') {
      return sendJson(res, 200, {
        url: state.gatewayUrl, shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
    }
    if (req.method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = Array.isArray(req.body) ? (req.body as ApiObject[]) : [];
      return sendJson(res, 200, commands.map((c, i) => ({ ...c, id: `${APP_ID}${i}`, application_id: APP_ID, version: '1' })));
    }
    if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/typing$/.exec(path))) return noContent(res);
    if (req.method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) return createMessage(res, m[1]!, body);
    if (req.method === 'PATCH' && (m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) return editMessage(res, m[2]!, body);
    if (req.method === 'GET' && (m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
      const message = state.messages.get(m[2]!);
      return message && message['channel_id'] === m[1] ? sendJson(res, 200, message) : unknown(res, 10008, 'Unknown Message');
    }
    if (req.method === 'GET' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      if (!state.guildOf.has(m[1]!) && !state.channels.has(m[1]!)) return unknown(res, 10003, 'Unknown Channel');
      return messagePage(res, state, m[1]!, url.searchParams);
    }
    if (req.method === 'GET' && (m = /^\/channels\/(\d+)$/.exec(path))) {
      const guild = guildCreateJson();
      const channel = state.channels.get(m[1]!)
        ?? [...(guild['channels'] as ApiObject[]), ...(guild['threads'] as ApiObject[])].find((c) => c['id'] === m![1]);
      return channel ? sendJson(res, 200, channel) : unknown(res, 10003, 'Unknown Channel');
    }
    if (req.method === 'PUT' && /^\/channels\/\d+\/messages\/\d+\/reactions\/[^/]+\/@me$/.test(path)) return noContent(res);
    if (req.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return noContent(res);
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/.exec(path))) {
      if (req.method === 'DELETE' && m[3]) return noContent(res);
      const refused = badContent(body, req.method === 'PATCH');
      if (refused) return invalidForm(res, refused);
      const message = webhookMessage(m[2]!, body);
      return message ? sendJson(res, 200, message) : unknown(res, 10015, 'Unknown Webhook');
    }
    return unknown(res, 0, '404: Not Found');
  };
}
