/**
 * The small Discord world the fake serves: one guild with a text channel and two threads, a bot
 * and a few members. Ids are fixed so tests can name them; message ids are real snowflakes, so
 * discord.js derives sensible timestamps and "before" queries sort the way Discord's do.
 */

export type ApiObject = Record<string, unknown>;

export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

export const FAKE_DISCORD_TOKEN = 'fake-discord-bot-token';

// A bot's user id equals its application id on Discord.
export const APP_ID = '1100000000000000001';
export const GUILD_ID = '1100000000000000002';
export const GENERAL_ID = '1100000000000000010';
/** A thread the bot is already a member of (it arrives in GUILD_CREATE with the bot's thread member). */
export const JOINED_THREAD_ID = '1100000000000000011';
/** A thread the bot is not in until someone mentions it there. */
export const OTHER_THREAD_ID = '1100000000000000012';
export const MODERATOR_ROLE_ID = '1100000000000000020';

export const BOT: FakeUser = { id: APP_ID, username: 'Switchboard', bot: true };
export const ALICE: FakeUser = { id: '1100000000000000101', username: 'alice' };
export const BOB: FakeUser = { id: '1100000000000000102', username: 'bob' };
export const MALLORY: FakeUser = { id: '1100000000000000103', username: 'mallory' };
export const OTHER_BOT: FakeUser = { id: '1100000000000000104', username: 'otherbot', bot: true };

/** View channel, send messages, add reactions, read history: what a plain member has. */
export const MEMBER_PERMISSIONS = String(1024 | 2048 | 64 | 65536);
/** Plus Manage Server (1 << 5). */
export const ADMIN_PERMISSIONS = String(Number(MEMBER_PERMISSIONS) | 32);

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake for now: later calls always sort after earlier ones. */
export function snowflake(): string {
  increment = (increment + 1n) % 4096n;
  return ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n | increment).toString();
}

/** A snowflake for a moment in the past (seeded history); the increment keeps ids of the same millisecond distinct. */
export function snowflakeAt(ms: number): string {
  increment = (increment + 1n) % 4096n;
  return ((BigInt(ms) - DISCORD_EPOCH) << 22n | increment).toString();
}

export function userJson(user: FakeUser): ApiObject {
  return { id: user.id, username: user.username, global_name: user.username, discriminator: '0', avatar: null, bot: user.bot ?? false };
}

export function memberJson(roles: string[], permissions?: string): ApiObject {
  return {
    roles, joined_at: '2025-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null,
    ...(permissions === undefined ? {} : { permissions }),
  };
}

function threadJson(id: string, name: string, joined: boolean): ApiObject {
  return {
    id, guild_id: GUILD_ID, parent_id: GENERAL_ID, owner_id: ALICE.id, type: 11, name, last_message_id: null,
    member_count: joined ? 2 : 1, message_count: 0, total_message_sent: 0, rate_limit_per_user: 0, flags: 0,
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: '2025-01-01T00:00:00.000Z', locked: false },
    ...(joined ? { member: { id, user_id: APP_ID, join_timestamp: '2025-01-01T00:00:00.000Z', flags: 0 } } : {}),
  };
}

export function readyJson(sessionId: string, resumeUrl: string): ApiObject {
  return {
    v: 10, user: { ...userJson(BOT), verified: true, mfa_enabled: false, flags: 0 }, guilds: [{ id: GUILD_ID, unavailable: true }],
    session_id: sessionId, resume_gateway_url: resumeUrl, shard: [0, 1], application: { id: APP_ID, flags: 0 },
    private_channels: [], presences: [], relationships: [], guild_join_requests: [],
  };
}

export function guildCreateJson(): ApiObject {
  const role = (id: string, name: string, permissions: string, position: number) => ({
    id, name, permissions, position, color: 0, hoist: false, managed: false, mentionable: false, flags: 0, icon: null, unicode_emoji: null,
  });
  return {
    id: GUILD_ID, name: 'Fake community', icon: null, splash: null, discovery_splash: null, owner_id: ALICE.id, afk_channel_id: null,
    afk_timeout: 300, verification_level: 0, default_message_notifications: 0, explicit_content_filter: 0, mfa_level: 0,
    system_channel_id: null, system_channel_flags: 0, rules_channel_id: null, vanity_url_code: null, description: null,
    banner: null, premium_tier: 0, preferred_locale: 'en-US', public_updates_channel_id: null, nsfw_level: 0,
    premium_progress_bar_enabled: false, features: [], emojis: [], stickers: [], large: false, unavailable: false,
    member_count: 5, joined_at: '2025-01-01T00:00:00.000Z', voice_states: [], presences: [], stage_instances: [],
    guild_scheduled_events: [], soundboard_sounds: [],
    roles: [role(GUILD_ID, '@everyone', MEMBER_PERMISSIONS, 0), role(MODERATOR_ROLE_ID, 'Moderators', MEMBER_PERMISSIONS, 1)],
    channels: [{
      id: GENERAL_ID, guild_id: GUILD_ID, type: 0, name: 'general', position: 0, parent_id: null, topic: null, nsfw: false,
      permission_overwrites: [], rate_limit_per_user: 0, last_message_id: null,
    }],
    threads: [threadJson(JOINED_THREAD_ID, 'bot thread', true), threadJson(OTHER_THREAD_ID, 'people thread', false)],
    members: [{ ...memberJson([]), user: userJson(BOT) }],
  };
}

/** A message as the REST API and MESSAGE_CREATE carry it. */
export function messageJson(init: {
  id?: string;
  channelId: string;
  guildId: string | undefined;
  author: FakeUser;
  content: string;
  mentions?: FakeUser[];
  reference?: ApiObject;
  components?: unknown[];
}): ApiObject {
  const { channelId, guildId, author, content, reference } = init;
  return {
    id: init.id ?? snowflake(), channel_id: channelId, ...(guildId ? { guild_id: guildId } : {}), author: userJson(author),
    content, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false,
    mentions: (init.mentions ?? []).map(userJson), mention_roles: [], attachments: [], embeds: [], pinned: false,
    type: reference ? 19 : 0, flags: 0, components: init.components ?? [],
    ...(reference ? {
      message_reference: { type: 0, message_id: reference['id'], channel_id: channelId, ...(guildId ? { guild_id: guildId } : {}) },
      // Discord nests one level only: the parent's own parent has to be fetched.
      referenced_message: { ...reference, referenced_message: null },
    } : {}),
  };
}
