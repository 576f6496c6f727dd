import { afterEach, describe, expect, it } from 'vitest';
import type { HistorySource } from '../pilot/types.js';
import { FAKE_SLACK_WORKSPACE_URL, type ChannelMessage } from './fakes/fake-slack.js';
import { startSlackRig, type RigOptions, type SlackRig } from './fakes/fake-slack-rig.js';
import { useTempDir } from './temp-dir.js';

const tempDir = useTempDir();
const BASE_SECONDS = 1_700_000_000;
/** Message i of the seeded history: one a minute, with microseconds so the ts is not round. */
const tsOf = (i: number) => `${BASE_SECONDS + i * 60}.${String(100 + i).padStart(6, '0')}`;
const msOf = (i: number) => (BASE_SECONDS + i * 60) * 1000;

/** 250 members' messages, with the bot's own, another bot's, a join and a file without text mixed in. */
function seededHistory(): { members: ChannelMessage[]; all: ChannelMessage[] } {
  const members = Array.from({ length: 250 }, (_, i): ChannelMessage => ({ ts: tsOf(i), user: i % 2 ? 'U2' : 'U1', text: `message ${i}` }));
  const noise: ChannelMessage[] = [
    { ts: `${BASE_SECONDS + 30}.000001`, user: 'U0BOT', bot_id: 'B0BOT', text: 'my own answer' },
    { ts: `${BASE_SECONDS + 90}.000001`, bot_id: 'B0BOT', subtype: 'bot_message', text: 'my own legacy post' },
    { ts: `${BASE_SECONDS + 150}.000001`, user: 'U3', subtype: 'channel_join', text: '<@U3> has joined the channel' },
    { ts: `${BASE_SECONDS + 210}.000001`, user: 'U1', text: '   ' },
  ];
  const otherBot: ChannelMessage = { ts: `${BASE_SECONDS + 270}.000001`, bot_id: 'B0OTHER', subtype: 'bot_message', text: 'deploy finished' };
  return { members: [...members.slice(0, 5), otherBot, ...members.slice(5)], all: [...members, ...noise, otherBot] };
}

let rigs: SlackRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.map((r) => r.close()));
  rigs = [];
});

async function started(options: Omit<RigOptions, 'dir' | 'onHistorySource'> = {}): Promise<{ rig: SlackRig; source: HistorySource }> {
  const sources: HistorySource[] = [];
  const rig = await startSlackRig({ dir: tempDir(), ...options, onHistorySource: (s) => sources.push(s) });
  rigs.push(rig);
  rig.fake.setChannelHistory('C1', seededHistory().all);
  expect(sources).toHaveLength(1);
  return { rig, source: sources[0]! };
}

describe('Slack history source (real WebClient against a fake Slack)', () => {
  it('is handed over once the adapter started, and reads 250 messages across pages, oldest first, with ids and links', async () => {
    const { rig, source } = await started();
    expect(source.platform).toBe('slack');
    const texts = await source.history('C1', { since: 0, limit: 10_000 });

    const expected = seededHistory().members;
    expect(texts.map((t) => t.text)).toEqual(expected.map((m) => m.text));
    expect(texts[0]).toEqual({
      sourceId: `slack:C1:${tsOf(0)}`, origin: 'slack', channel: 'C1', author: 'U1', createdAt: msOf(0), text: 'message 0',
      url: `${FAKE_SLACK_WORKSPACE_URL}archives/C1/p${tsOf(0).replace('.', '')}`,
    });
    expect(texts.at(-1)).toMatchObject({ sourceId: `slack:C1:${tsOf(249)}`, author: 'U2', url: 'https://fake.slack.test/archives/C1/p1700014940000349' });
    expect(texts.find((t) => t.text === 'deploy finished')?.author).toBe('B0OTHER');
    expect(new Set(texts.map((t) => t.sourceId)).size).toBe(250 + 1);

    // 255 messages in the channel: a page of 200, then the rest through the cursor.
    const pages = rig.fake.callsTo('conversations.history');
    expect(pages.map((p) => [p.args['limit'], p.args['cursor'] !== undefined])).toEqual([['200', false], ['200', true]]);
    expect(pages[0]!.args).toMatchObject({ channel: 'C1', oldest: '0.000000', inclusive: 'true' });
    expect(pages.every((p) => p.token === 'xoxb-fake-bot-token')).toBe(true);
    // The workspace URL came from one auth.test, asked on first use and remembered.
    await source.history('C1', { since: 0, limit: 1 });
    expect(rig.fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('cuts messages older than `since` (Slack `oldest`, inclusive) and keeps the newest `limit`', async () => {
    const { rig, source } = await started();
    const recent = await source.history('C1', { since: msOf(240), limit: 100 });
    expect(recent.map((t) => t.text)).toEqual(Array.from({ length: 10 }, (_, i) => `message ${240 + i}`));
    expect(rig.fake.callsTo('conversations.history').at(-1)!.args['oldest']).toBe(`${BASE_SECONDS + 240 * 60}.000000`);

    const capped = await source.history('C1', { since: 0, limit: 30 });
    expect(capped.map((t) => t.text)).toEqual(Array.from({ length: 30 }, (_, i) => `message ${220 + i}`));
    expect(rig.fake.callsTo('conversations.history')).toHaveLength(2);
    expect(await source.history('C1', { since: 0, limit: 0 })).toEqual([]);
  });

  it('waits out a 429 (Retry-After: 1) and retries the page', async () => {
    const { rig, source } = await started();
    rig.fake.rateLimitNext('conversations.history', 1);
    const texts = await source.history('C1', { since: 0, limit: 10_000 });
    expect(texts).toHaveLength(251);
    const [refused, retried] = rig.fake.callsTo('conversations.history');
    expect(refused!.rateLimited).toBe(true);
    expect(retried!.rateLimited).toBeUndefined();
    expect(retried!.args['cursor']).toBeUndefined();
    expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(1000 - 20);
  });

  it('uses the workspace URL learned at start-up when the adapter asked auth.test itself', async () => {
    const { rig, source } = await started({ askIdentity: true });
    const [first] = await source.history('C1', { since: 0, limit: 251 });
    expect(first!.url).toBe(`${FAKE_SLACK_WORKSPACE_URL}archives/C1/p${tsOf(0).replace('.', '')}`);
    expect(rig.fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('reports an unknown channel and stops when aborted', async () => {
    const { rig, source } = await started();
    await expect(source.history('C404', { since: 0, limit: 10 })).rejects.toThrow(/channel_not_found/);
    const aborted = AbortSignal.abort(new Error('ingest cancelled'));
    await expect(source.history('C1', { since: 0, limit: 10, signal: aborted })).rejects.toThrow('ingest cancelled');
    expect(rig.fake.callsTo('conversations.history')).toHaveLength(1);
  });
});
