import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistorySource } from '../pilot/types.js';
import { armOf, startDiscordBot, type DiscordBot } from './fakes/fake-discord-harness.js';
import { PacedModel } from './fakes/fake-discord-paced-model.js';
import {
  ALICE, BOB, BOT, GENERAL_ID, GUILD_ID, OTHER_BOT, startFakeDiscord, type ApiObject, type FakeDiscord,
} from './fakes/fake-discord.js';

const START = Date.now() - 24 * 3_600_000;
/** Message i of the seeded history: one a minute, starting a day ago. */
const atOf = (i: number) => START + i * 60_000;
const HIDDEN_ID = '1100000000000000030';
const CATEGORY_ID = '1100000000000000031';
const FORBIDDEN_ID = '1100000000000000032';
const MESSAGES = /^\/channels\/\d+\/messages$/;

let fake: FakeDiscord;
let bot: DiscordBot | undefined;
let source: HistorySource;
let handed: HistorySource[];
/** The 250 members' messages, oldest first, as the fake stored them. */
let members: ApiObject[];

beforeEach(async () => {
  fake = await startFakeDiscord();
  members = fake.seedChannelHistory(GENERAL_ID, Array.from({ length: 250 }, (_, i) => ({ author: i % 2 ? BOB : ALICE, content: `message ${i}`, at: atOf(i) })));
  // Mixed in: the bot's own answers, another bot (kept: it is not us), an attachment-only post (no text).
  fake.seedChannelHistory(GENERAL_ID, [
    { author: BOT, content: 'my own answer', at: atOf(3) + 1 },
    { author: BOT, content: 'another answer of mine', at: atOf(140) + 1 },
    { author: ALICE, content: '', at: atOf(200) + 1 },
  ]);
  const [otherBot] = fake.seedChannelHistory(GENERAL_ID, [{ author: OTHER_BOT, content: 'deploy finished', at: atOf(5) + 1 }]);
  members.splice(6, 0, otherBot!);
  handed = [];
  bot = await startDiscordBot(fake, { arms: [armOf('paced:a', new PacedModel('paced-1', []))], onHistorySource: (s) => handed.push(s) });
  expect(handed).toHaveLength(1);
  source = handed[0]!;
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await fake.close();
});

const ids = (messages: ApiObject[]) => messages.map((m) => String(m['id']));
const query = (path: string) => Object.fromEntries(new URL(path, 'http://fake').searchParams);

describe('Discord history source (real discord.js against a fake Discord)', () => {
  it('is handed over once the client is ready, and reads 250 messages across pages, oldest first, with ids and links', async () => {
    expect(source.platform).toBe('discord');
    const texts = await source.history(GENERAL_ID, { since: 0, limit: 10_000 });

    expect(texts.map((t) => t.sourceId)).toEqual(ids(members).map((id) => `discord:${GENERAL_ID}:${id}`));
    expect(texts.map((t) => t.text)).toEqual(members.map((m) => m['content']));
    const first = members[0]!;
    expect(texts[0]).toEqual({
      sourceId: `discord:${GENERAL_ID}:${String(first['id'])}`, origin: 'discord', channel: GENERAL_ID, author: ALICE.id,
      createdAt: atOf(0), text: 'message 0', url: `https://discord.com/channels/${GUILD_ID}/${GENERAL_ID}/${String(first['id'])}`,
    });
    expect(texts.find((t) => t.text === 'deploy finished')?.author).toBe(OTHER_BOT.id);

    // 254 messages: pages of 100 going back with `before` = the oldest id of the page before.
    const pages = fake.calls('GET', MESSAGES).map((r) => query(r.path));
    expect(pages).toHaveLength(3);
    expect(pages[0]).toEqual({ limit: '100' });
    expect(pages.every((p) => p['limit'] === '100')).toBe(true);
    const all = [...fake.messages.values()].filter((m) => m['channel_id'] === GENERAL_ID).map((m) => BigInt(String(m['id']))).sort((a, b) => (a < b ? 1 : -1));
    expect(pages.slice(1).map((p) => p['before'])).toEqual([String(all[99]), String(all[199])]);
  });

  it('stops paging at `since` and keeps the newest `limit` messages', async () => {
    const recent = await source.history(GENERAL_ID, { since: atOf(240), limit: 100 });
    expect(recent.map((t) => t.text)).toEqual(Array.from({ length: 10 }, (_, i) => `message ${240 + i}`));
    expect(fake.calls('GET', MESSAGES)).toHaveLength(1);

    const capped = await source.history(GENERAL_ID, { since: 0, limit: 120 });
    expect(capped.map((t) => t.text)).toEqual(members.slice(-120).map((m) => m['content']));
    expect(fake.calls('GET', MESSAGES)).toHaveLength(1 + 2);
  });

  it('waits out a 429 (discord.js reads retry-after and the x-ratelimit headers) and retries the page', async () => {
    fake.rateLimitNext('GET', MESSAGES, 0.3);
    const texts = await source.history(GENERAL_ID, { since: 0, limit: 10_000 });
    expect(texts).toHaveLength(251);
    const [refused, retried] = fake.calls('GET', MESSAGES);
    expect(query(retried!.path)).toEqual(query(refused!.path));
    expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(300 - 20);
    expect(fake.calls('GET', MESSAGES)).toHaveLength(4);
  });

  it('says why a channel cannot be read: unknown, not a text channel, missing access', async () => {
    const channel = (id: string, type: number, extra: ApiObject = {}) => ({
      id, guild_id: GUILD_ID, type, name: `channel-${id.slice(-2)}`, position: 1, parent_id: null, permission_overwrites: [], flags: 0, ...extra,
    });
    fake.addChannel(channel(CATEGORY_ID, 4));
    fake.addChannel(channel(FORBIDDEN_ID, 0), { forbidden: true });
    // Visible to the REST API in this fake, but @everyone may not view it: caught before any request.
    fake.addChannel(channel(HIDDEN_ID, 0, { permission_overwrites: [{ id: GUILD_ID, type: 0, allow: '0', deny: String(1024) }] }));
    const read = (id: string) => source.history(id, { since: 0, limit: 10 });

    await expect(read('1100000000000000999')).rejects.toThrow('unknown Discord channel 1100000000000000999');
    await expect(read(CATEGORY_ID)).rejects.toThrow(`Discord channel ${CATEGORY_ID} is a GuildCategory channel, which has no messages of its own to read`);
    await expect(read(FORBIDDEN_ID)).rejects.toThrow(`missing access to Discord channel ${FORBIDDEN_ID}`);
    await expect(read(HIDDEN_ID)).rejects.toThrow(`missing access to Discord channel ${HIDDEN_ID}: the bot lacks the View Channel permission there`);
    expect(fake.calls('GET', MESSAGES)).toHaveLength(0);
  });

  it('stops when aborted, and after the adapter stopped', async () => {
    await expect(source.history(GENERAL_ID, { since: 0, limit: 10, signal: AbortSignal.abort(new Error('ingest cancelled')) })).rejects.toThrow('ingest cancelled');
    await bot!.stop();
    bot = undefined;
    await expect(source.history(GENERAL_ID, { since: 0, limit: 10 })).rejects.toThrow(/not connected/);
    expect(fake.calls('GET', MESSAGES)).toHaveLength(0);
  });
});
