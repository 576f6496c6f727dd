import { startFakeHttp, type RecordedRequest } from './fake-http.js';
import { discordRestHandler, type FakeDiscordState } from './fake-discord-rest.js';
import { acceptUploads, type DiscordUpload } from './fake-discord-uploads.js';
import { startFakeGateway, type FakeGateway } from './fake-discord-gateway.js';
import {
  APP_ID, BOT, GENERAL_ID, GUILD_ID, JOINED_THREAD_ID, MEMBER_PERMISSIONS, OTHER_THREAD_ID,
  memberJson, messageJson, snowflake, snowflakeAt, userJson, type ApiObject, type FakeUser,
} from './fake-discord-world.js';

export * from './fake-discord-world.js';
export type { DiscordUpload } from './fake-discord-uploads.js';

/** A request the fake received, with when it arrived (for pacing assertions). */
export interface TimedRequest extends RecordedRequest {
  at: number;
}

export interface MemberInput {
  user: FakeUser;
  /** Role ids of the member; none unless given. */
  roles?: string[];
}

/**
 * A fake Discord (REST API + gateway, loopback only) that the real discord.js talks to. Tests act
 * as members (say, dm, click, react, run a slash command: each a gateway dispatch) and assert on
 * the requests the bot made, which are all recorded with method, path, body and arrival time.
 */
export interface FakeDiscord {
  /** The REST base for discord.js's `rest.api` (it appends /v10); the gateway URL is served from it. */
  apiUrl: string;
  requests: TimedRequest[];
  messages: Map<string, ApiObject>;
  /** Files the bot attached (interaction callbacks, webhook messages and edits), in arrival order. */
  uploads: DiscordUpload[];
  gateway: FakeGateway;
  /** Posts a member's message in a guild channel or thread and dispatches MESSAGE_CREATE. */
  say(input: MemberInput & { content: string; channelId?: string; mentionBot?: boolean; replyTo?: string }): ApiObject;
  /** A message from before the bot connected: stored (so REST can return it), never dispatched. */
  seed(input: { author: FakeUser; content: string; channelId?: string; replyTo?: string }): ApiObject;
  /**
   * Many messages from before the bot connected, at the given times (epoch ms), stored in one go
   * for history reads; returned in the order given.
   */
  seedChannelHistory(channelId: string, messages: Array<{ author: FakeUser; content: string; at: number }>): ApiObject[];
  /** A channel the REST API knows but GUILD_CREATE did not carry; `forbidden` makes its routes answer 403 Missing Access. */
  addChannel(channel: ApiObject, options?: { forbidden?: boolean }): void;
  /** Answers the next request matching `method` and `pattern` (decoded path without /api/v10) with a 429. */
  rateLimitNext(method: string, pattern: RegExp, retryAfterSeconds: number): void;
  /** A direct message from a user to the bot. */
  dm(user: FakeUser, content: string): ApiObject;
  /** A click on a message's button (INTERACTION_CREATE type 3); returns the interaction's id and token. */
  click(input: MemberInput & { messageId: string; customId: string }): { id: string; token: string };
  /** A chat-input slash command with one subcommand (INTERACTION_CREATE type 2). */
  slash(input: MemberInput & { name: string; subcommand: string; options?: Record<string, string | number | boolean>; permissions?: string }): { id: string; token: string };
  react(input: MemberInput & { messageId: string; emoji: string }): void;
  /** The bot's messages, oldest first. */
  botMessages(): ApiObject[];
  /** Requests matching a method and a path pattern (the decoded path without /api/v10 and query). */
  calls(method: string, pattern: RegExp): TimedRequest[];
  close(): Promise<void>;
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const gateway = await startFakeGateway();
  const joinedThreads = new Set([JOINED_THREAD_ID]);
  const channelType = new Map<string, number>([[GENERAL_ID, 0], [JOINED_THREAD_ID, 11], [OTHER_THREAD_ID, 11]]);
  const dmChannels = new Map<string, string>();
  const state: FakeDiscordState = {
    gatewayUrl: gateway.url,
    messages: new Map(),
    guildOf: new Map([[GENERAL_ID, GUILD_ID], [JOINED_THREAD_ID, GUILD_ID], [OTHER_THREAD_ID, GUILD_ID]]),
    interactions: new Map(),
    channels: new Map(),
    forbidden: new Set(),
    rateLimits: [],
    onBotMessage: (message) => {
      const channelId = String(message['channel_id']);
      // Discord adds whoever posts in a thread to it, and tells the bot with THREAD_MEMBER_UPDATE.
      joinThread(channelId);
      dispatchMessage(message, []);
    },
  };
  const timed: TimedRequest[] = [];
  const uploads: DiscordUpload[] = [];
  const rest = acceptUploads(discordRestHandler(state), uploads);
  const http = await startFakeHttp((req, res) => {
    timed.push({ ...req, at: Date.now() });
    return rest(req, res);
  });

  function joinThread(channelId: string): void {
    if (channelType.get(channelId) !== 11 || joinedThreads.has(channelId)) return;
    joinedThreads.add(channelId);
    gateway.dispatch('THREAD_MEMBER_UPDATE', { id: channelId, user_id: APP_ID, guild_id: GUILD_ID, join_timestamp: new Date().toISOString(), flags: 0 });
  }

  function dispatchMessage(message: ApiObject, roles: string[]): void {
    const channelId = String(message['channel_id']);
    const guild = state.guildOf.get(channelId) !== undefined;
    gateway.dispatch('MESSAGE_CREATE', { ...message, channel_type: channelType.get(channelId) ?? 1, ...(guild ? { member: memberJson(roles) } : {}) });
  }

  function interaction(user: MemberInput, channelId: string, permissions: string, extra: ApiObject): { id: string; token: string } {
    const id = snowflake();
    const token = `fake-interaction-token-${id}`;
    state.interactions.set(token, { channelId, guildId: GUILD_ID });
    const type = channelType.get(channelId) ?? 0;
    gateway.dispatch('INTERACTION_CREATE', {
      id, application_id: APP_ID, token, version: 1, guild_id: GUILD_ID, channel_id: channelId,
      channel: { id: channelId, type, guild_id: GUILD_ID, ...(type === 11 ? { parent_id: GENERAL_ID } : { name: 'general' }) },
      member: { ...memberJson(user.roles ?? [], permissions), user: userJson(user.user) },
      app_permissions: MEMBER_PERMISSIONS, locale: 'en-US', guild_locale: 'en-US', entitlements: [],
      authorizing_integration_owners: { 0: GUILD_ID }, context: 0, ...extra,
    });
    return { id, token };
  }

  return {
    apiUrl: `${http.url}/api`,
    requests: timed,
    messages: state.messages,
    uploads,
    gateway,
    say({ user, roles = [], content, channelId = GENERAL_ID, mentionBot = false, replyTo }) {
      const reference = replyTo === undefined ? undefined : state.messages.get(replyTo);
      if (replyTo !== undefined && !reference) throw new Error(`fake Discord: no message ${replyTo} to reply to`);
      const message = messageJson({
        channelId, guildId: GUILD_ID, author: user, content, mentions: mentionBot ? [BOT] : [], ...(reference ? { reference } : {}),
      });
      state.messages.set(String(message['id']), message);
      // Mentioning the bot in a thread adds it to the thread, as Discord does.
      if (mentionBot) joinThread(channelId);
      dispatchMessage(message, roles);
      return message;
    },
    seed({ author, content, channelId = GENERAL_ID, replyTo }) {
      const reference = replyTo === undefined ? undefined : state.messages.get(replyTo);
      const message = messageJson({ channelId, guildId: state.guildOf.get(channelId), author, content, ...(reference ? { reference } : {}) });
      state.messages.set(String(message['id']), message);
      return message;
    },
    seedChannelHistory(channelId, messages) {
      return messages.map(({ author, content, at }) => {
        const message: ApiObject = { ...messageJson({ id: snowflakeAt(at), channelId, guildId: state.guildOf.get(channelId), author, content }), timestamp: new Date(at).toISOString() };
        state.messages.set(String(message['id']), message);
        return message;
      });
    },
    addChannel(channel, { forbidden = false } = {}) {
      const id = String(channel['id']);
      state.channels.set(id, channel);
      if (forbidden) state.forbidden.add(id);
    },
    rateLimitNext(method, pattern, retryAfterSeconds) {
      state.rateLimits.push({ method, pattern, retryAfterSeconds });
    },
    dm(user, content) {
      let channelId = dmChannels.get(user.id);
      if (!channelId) {
        channelId = snowflake();
        dmChannels.set(user.id, channelId);
        state.guildOf.set(channelId, undefined);
        channelType.set(channelId, 1);
      }
      const message = messageJson({ channelId, guildId: undefined, author: user, content });
      state.messages.set(String(message['id']), message);
      dispatchMessage(message, []);
      return message;
    },
    click({ messageId, customId, ...member }) {
      const message = state.messages.get(messageId);
      if (!message) throw new Error(`fake Discord: no message ${messageId} to click on`);
      return interaction(member, String(message['channel_id']), MEMBER_PERMISSIONS, {
        type: 3, message, data: { custom_id: customId, component_type: 2 },
      });
    },
    slash({ name, subcommand, options = {}, permissions = MEMBER_PERMISSIONS, ...member }) {
      const typeOf = (v: unknown) => (typeof v === 'boolean' ? 5 : typeof v === 'number' ? 4 : 3);
      return interaction(member, GENERAL_ID, permissions, {
        type: 2,
        data: {
          id: `${APP_ID}0`, name, type: 1, guild_id: GUILD_ID,
          options: [{ type: 1, name: subcommand, options: Object.entries(options).map(([n, value]) => ({ type: typeOf(value), name: n, value })) }],
        },
      });
    },
    react({ user, roles = [], messageId, emoji }) {
      const message = state.messages.get(messageId);
      if (!message) throw new Error(`fake Discord: no message ${messageId} to react to`);
      gateway.dispatch('MESSAGE_REACTION_ADD', {
        user_id: user.id, channel_id: message['channel_id'], message_id: messageId, guild_id: GUILD_ID,
        member: { ...memberJson(roles), user: userJson(user) }, emoji: { id: null, name: emoji }, burst: false, type: 0,
        message_author_id: (message['author'] as ApiObject)['id'],
      });
    },
    botMessages: () => [...state.messages.values()].filter((m) => (m['author'] as ApiObject)['id'] === BOT.id),
    calls: (method, pattern) => timed.filter((r) => r.method === method && pattern.test(decodeURIComponent(new URL(r.path, 'http://fake').pathname).replace(/^\/api\/v10/, ''))),
    async close() {
      await gateway.close();
      await http.close();
    },
  };
}
