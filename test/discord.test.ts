import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SYSTEM_PROMPT } from '../bot/app.js';
import { HISTORY_CUT_NOTE } from '../bot/conversation.js';
import { feedbackButtonId } from '../bot/feedback-controls.js';
import type { Arm } from '../router/arm.js';
import type { ChatTurn } from '../router/chat-turn.js';
import type { App } from '../bot/app.js';
import { answerOf, armOf, buttonIds, settle, startDiscordBot, until, type DiscordBot } from './fakes/fake-discord-harness.js';
import { PacedModel } from './fakes/fake-discord-paced-model.js';
import {
  ADMIN_PERMISSIONS, ALICE, APP_ID, BOB, BOT, GENERAL_ID, GUILD_ID, JOINED_THREAD_ID, MALLORY, MODERATOR_ROLE_ID, OTHER_BOT,
  OTHER_THREAD_ID, startFakeDiscord, type ApiObject, type FakeDiscord, type TimedRequest,
} from './fakes/fake-discord.js';
import { useTempDir } from './temp-dir.js';

const tempDir = useTempDir();
const MENTION = `<@${BOT.id}>`;
const INTERVAL_MS = 200;

let fake: FakeDiscord;
const running: DiscordBot[] = [];

beforeEach(async () => {
  fake = await startFakeDiscord();
});

afterEach(async () => {
  while (running.length) await running.pop()!.stop();
  await fake.close();
});

const quick = (text: string) => new PacedModel('paced-1', [{ text, pieces: 2, delayMs: 10 }]);

async function launch(options: { model?: PacedModel; arms?: Arm[]; env?: Record<string, string> } = {}) {
  const model = options.model ?? quick('An answer.');
  const bot = await startDiscordBot(fake, { arms: options.arms ?? [armOf('paced:a', model)], ...(options.env ? { env: options.env } : {}) });
  running.push(bot);
  return { ...bot, model };
}

const content = (message: ApiObject | undefined) => String(message?.['content']);
const sent = (request: TimedRequest | undefined) => String((request?.body as ApiObject | undefined)?.['content']);
const feedbackOn = (app: App, decisionId: string) =>
  app.store.pendingDecisions(app.clock.now()).find((p) => p.decision.id === decisionId)?.feedback ?? [];

describe('answering', () => {
  it('answers a mention: typing, a placeholder reply, paced streaming edits, then the final text with 👍 / 👎 buttons', async () => {
    const text = 'Closures capture the variables of the scope they were created in, so a function returned from another one still sees them.';
    const { app, model } = await launch({ model: new PacedModel('paced-1', [{ text, pieces: 8, delayMs: 100 }]) });
    const question = fake.say({ user: ALICE, content: `${MENTION} what is a closure?`, mentionBot: true });
    const { pieces: [reply], decisionId } = await answerOf(fake, app, question);

    expect(content(reply)).toBe(text);
    expect(buttonIds(reply!)).toEqual([feedbackButtonId('up', decisionId), feedbackButtonId('down', decisionId)]);
    const [typing] = fake.calls('POST', new RegExp(`^/channels/${GENERAL_ID}/typing$`));
    const [placeholder, ...others] = fake.calls('POST', /^\/channels\/\d+\/messages$/);
    expect(others).toEqual([]);
    expect(typing!.at).toBeLessThanOrEqual(placeholder!.at);
    expect(placeholder!.body).toMatchObject({ content: '…', message_reference: { message_id: question['id'] } });

    const edits = fake.calls('PATCH', new RegExp(`^/channels/${GENERAL_ID}/messages/${String(reply!['id'])}$`));
    const streaming = edits.slice(0, -1);
    expect(streaming.length).toBeGreaterThanOrEqual(2);
    for (const edit of streaming) {
      expect(sent(edit)).toMatch(/ ▌$/);
      expect(text.startsWith(sent(edit).slice(0, -2))).toBe(true);
      expect(edit.body).toMatchObject({ components: [] });
    }
    // The throttle: never two edits closer than the configured interval (some slack for the wire;
    // unthrottled, they would follow the model's 100 ms pieces).
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(INTERVAL_MS - 40);
    expect(sent(edits.at(-1))).toBe(text);

    expect(app.store.decision(decisionId)).toMatchObject({ tenant: GUILD_ID, channel: GENERAL_ID, user: ALICE.id });
    expect(model.requests[0]!.at(-1)).toEqual({ role: 'user', content: 'what is a closure?' });
  });

  it('discards what a failing provider streamed and ends with the fallback answer', async () => {
    // One model behind both arms: whichever the policy picks first fails mid-stream, the other answers.
    const model = new PacedModel('paced-1', [
      { text: 'WRONG WRONG WRONG WRONG', pieces: 4, delayMs: 60, failAfter: 3 },
      { text: 'The right answer, from the fallback.', pieces: 3, delayMs: 60 },
    ]);
    const { app } = await launch({ arms: [armOf('paced:a', model), armOf('paced:b', model)] });
    const question = fake.say({ user: ALICE, content: `${MENTION} tell me something`, mentionBot: true });
    const { pieces: [reply] } = await answerOf(fake, app, question);

    const right = 'The right answer, from the fallback.';
    expect(content(reply)).toBe(right);
    const shown = fake.calls('PATCH', /^\/channels\/\d+\/messages\/\d+$/).map((edit) => sent(edit).replace(/ ▌$/, ''));
    expect(shown.some((c) => c.startsWith('WRONG'))).toBe(true);
    expect(shown.some((c) => c.startsWith('The right'))).toBe(true);
    // Every edit shows one attempt's text, never the failed one's with the fallback's appended.
    for (const c of shown) expect(c === '…' || 'WRONG WRONG WRONG WRONG'.startsWith(c) || right.startsWith(c)).toBe(true);
  });

  it('splits a 5,000-character answer into messages of at most 2,000, keeping words and code blocks whole, buttons on the last', async () => {
    const prose = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');
    const code = Array.from({ length: 60 }, (_, i) => `const value${i} = compute(${i}, "item-${i}");`).join('\n');
    const long = `${prose(260, 'alpha')}\n\n\`\`\`ts\n${code}\n\`\`\`\n\n${prose(150, 'omega')}`;
    expect(long.length).toBeGreaterThan(4500);
    const { app } = await launch({ model: new PacedModel('paced-1', [{ text: long, pieces: 25, delayMs: 15 }]) });
    const question = fake.say({ user: ALICE, content: `${MENTION} write a lot`, mentionBot: true });
    const { pieces } = await answerOf(fake, app, question);

    expect(pieces.length).toBeGreaterThanOrEqual(3);
    for (const piece of pieces) {
      expect(content(piece).length).toBeLessThanOrEqual(2000);
      expect((content(piece).match(/^```/gm) ?? []).length % 2).toBe(0);
    }
    const words = (s: string) => s.split(/\s+/).filter((w) => w && !w.startsWith('```'));
    expect(words(pieces.map(content).join('\n'))).toEqual(words(long));
    expect(pieces.map((p) => buttonIds(p).length)).toEqual([...pieces.slice(1).map(() => 0), 2]);
    for (const edit of fake.calls('PATCH', /^\/channels\/\d+\/messages\/\d+$/)) expect(sent(edit).length).toBeLessThanOrEqual(2000);
  });
});

describe('conversation context', () => {
  it('sends the reply chain as history, with the bot\'s own message as the assistant\'s', async () => {
    // An exchange from before the bot started: the parent's parent is fetched over REST.
    const q1 = fake.seed({ author: ALICE, content: `${MENTION} what is a closure?` });
    const a1 = fake.seed({ author: BOT, content: 'A function together with the variables it captured.', replyTo: String(q1['id']) });
    const { app, model } = await launch();
    const q2 = fake.say({ user: ALICE, content: 'can you show an example?', replyTo: String(a1['id']) });
    await answerOf(fake, app, q2);

    expect(model.requests[0]).toEqual([
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: 'what is a closure?' },
      { role: 'assistant', content: 'A function together with the variables it captured.' },
      { role: 'user', content: 'can you show an example?' },
    ]);
    expect(fake.calls('GET', new RegExp(`^/channels/${GENERAL_ID}/messages/${String(q1['id'])}$`))).toHaveLength(1);
  });

  it('keeps HISTORY_MAX_MESSAGES of a longer chain and says so at the top of the answer', async () => {
    let parent = fake.seed({ author: ALICE, content: 'first question' });
    for (const [author, text] of [[BOT, 'first answer'], [ALICE, 'second question'], [BOT, 'second answer']] as const) {
      parent = fake.seed({ author, content: text, replyTo: String(parent['id']) });
    }
    const { app, model } = await launch({ env: { HISTORY_MAX_MESSAGES: '2' }, model: quick('Third answer.') });
    const question = fake.say({ user: ALICE, content: `${MENTION} third question`, mentionBot: true, replyTo: String(parent['id']) });
    const { pieces: [reply] } = await answerOf(fake, app, question);

    expect(model.requests[0]!.slice(1)).toEqual([
      { role: 'user', content: 'second question' },
      { role: 'assistant', content: 'second answer' },
      { role: 'user', content: 'third question' },
    ]);
    expect(content(reply)).toBe(`${HISTORY_CUT_NOTE}\nThird answer.`);
  });
});

describe('feedback', () => {
  it('counts a 👍 click and a 👍 reaction on the decision, and the closed reward reflects them', async () => {
    const { app, clock } = await launch();
    const question = fake.say({ user: ALICE, content: `${MENTION} hello`, mentionBot: true });
    const { pieces: [reply], decisionId } = await answerOf(fake, app, question);
    const click = fake.click({ user: BOB, messageId: String(reply!['id']), customId: feedbackButtonId('up', decisionId) });
    fake.react({ user: ALICE, messageId: String(reply!['id']), emoji: '🎉' });
    fake.react({ user: ALICE, messageId: String(reply!['id']), emoji: '👍' });
    fake.react({ user: BOT, messageId: String(reply!['id']), emoji: '👎' });

    const ack = await until(() => fake.calls('POST', new RegExp(`^/interactions/${click.id}/${click.token}/callback$`))[0], 'the click acknowledged');
    expect(ack.body).toEqual({ type: 4, data: expect.objectContaining({ content: 'Thanks for the feedback!', flags: 64 }) });
    await until(() => feedbackOn(app, decisionId).length >= 2, 'two feedback rows');
    await settle(100);
    expect(feedbackOn(app, decisionId).map((f) => [f.kind, f.source, f.user]).sort()).toEqual([['up', 'button', BOB.id], ['up', 'reaction', ALICE.id]]);

    clock.advance(61_000);
    expect(app.closer.closeDue()).toBe(1);
    const [reward] = app.store.rewardsSince('routing', 0);
    expect(reward?.decisionId).toBe(decisionId);
    expect(reward?.components['feedback']).toBeCloseTo(app.config.reward.feedbackWeight, 10);
  });

  it('after a restart, a click and a reaction on an old answer still count for its decision', async () => {
    const env = { DATABASE_PATH: join(tempDir(), 'switchboard.db') };
    const first = await launch({ env });
    const question = fake.say({ user: ALICE, content: `${MENTION} remember me`, mentionBot: true });
    const { pieces: [reply], decisionId } = await answerOf(fake, first.app, question);
    running.splice(running.indexOf(first), 1);
    await first.stop();
    await until(() => fake.gateway.sessions() === 0, 'the first client gone');

    const second = await launch({ env });
    expect(fake.gateway.identifies).toHaveLength(2);
    // The reaction first: the click's payload carries the message, which would put it in the new client's cache.
    fake.react({ user: ALICE, messageId: String(reply!['id']), emoji: '👍' });
    fake.click({ user: BOB, messageId: String(reply!['id']), customId: feedbackButtonId('down', decisionId) });
    await until(() => feedbackOn(second.app, decisionId).length >= 2, 'feedback on the old decision');
    expect(feedbackOn(second.app, decisionId).map((f) => [f.kind, f.source, f.user]).sort()).toEqual([['down', 'button', BOB.id], ['up', 'reaction', ALICE.id]]);
  });
});

describe('where it answers', () => {
  it('answers a DM in the DM channel, as the member\'s own tenant', async () => {
    const { app } = await launch();
    const dm = fake.dm(ALICE, 'hello in private');
    const { pieces: [reply], decisionId } = await answerOf(fake, app, dm);
    expect(reply!['channel_id']).toBe(dm['channel_id']);
    expect(app.store.decision(decisionId)).toMatchObject({ tenant: `dm:${ALICE.id}`, channel: dm['channel_id'] });
  });

  it('ignores DMs when DISCORD_ALLOW_DMS=false, blocked users and other bots', async () => {
    const { app } = await launch({ env: { DISCORD_ALLOW_DMS: 'false', BLOCKED_USERS: MALLORY.id } });
    fake.dm(ALICE, 'hello in private');
    fake.say({ user: MALLORY, content: `${MENTION} answer me`, mentionBot: true });
    fake.say({ user: OTHER_BOT, content: `${MENTION} beep`, mentionBot: true });
    // Events are handled in order: once this one is answered, the ones before it were passed over.
    const control = fake.say({ user: ALICE, content: `${MENTION} and me?`, mentionBot: true });
    await answerOf(fake, app, control);
    expect(fake.botMessages().map((m) => (m['message_reference'] as ApiObject)['message_id'])).toEqual([control['id']]);
    expect(fake.calls('POST', /^\/channels\/\d+\/typing$/)).toHaveLength(1);
  });

  it('answers every message in a thread it is part of, with the thread in the turn and its messages as history', async () => {
    fake.seed({ author: BOB, content: 'we are comparing databases', channelId: JOINED_THREAD_ID });
    const { app, model } = await launch();
    const route = vi.spyOn(app.router, 'route');
    const inThread = fake.say({ user: ALICE, content: 'which one is faster?', channelId: JOINED_THREAD_ID });
    await answerOf(fake, app, inThread);
    const turn = route.mock.calls[0]![0] as ChatTurn;
    expect(turn).toMatchObject({ tenant: GUILD_ID, channel: GENERAL_ID, thread: JOINED_THREAD_ID, user: ALICE.id, replyTo: inThread['id'] });
    expect(model.requests[0]!.slice(1)).toEqual([{ role: 'user', content: 'we are comparing databases' }, { role: 'user', content: 'which one is faster?' }]);
  });

  it('joins another thread when mentioned there, and from then on answers it without a mention', async () => {
    const { app } = await launch();
    const before = fake.say({ user: ALICE, content: 'not for the bot', channelId: OTHER_THREAD_ID });
    const mention = fake.say({ user: ALICE, content: `${MENTION} now for you`, channelId: OTHER_THREAD_ID, mentionBot: true });
    await answerOf(fake, app, mention);
    const followUp = fake.say({ user: BOB, content: 'and a follow-up', channelId: OTHER_THREAD_ID });
    await answerOf(fake, app, followUp);
    const answered = fake.botMessages().map((m) => (m['message_reference'] as ApiObject)['message_id']);
    expect(answered).toEqual([mention['id'], followUp['id']]);
    expect(answered).not.toContain(before['id']);
  });
});

describe('slash commands', () => {
  it('registers /router, /abtest, /optimizer and /pilot in the guild, hidden from non-admins', async () => {
    await launch();
    const [put] = fake.calls('PUT', new RegExp(`^/applications/${APP_ID}/guilds/${GUILD_ID}/commands$`));
    expect(put!.body).toEqual([
      expect.objectContaining({
        name: 'router', type: 1, default_member_permissions: '32', dm_permission: false,
        options: [expect.objectContaining({ type: 1, name: 'stats', options: [expect.objectContaining({ type: 3, name: 'period', choices: expect.arrayContaining([{ name: '24h', value: '24h' }]) })] })],
      }),
      expect.objectContaining({
        name: 'abtest', type: 1, default_member_permissions: '32', dm_permission: false,
        options: ['create', 'list', 'status', 'stop', 'promote'].map((name) => expect.objectContaining({ type: 1, name })),
      }),
      expect.objectContaining({
        name: 'optimizer', type: 1, default_member_permissions: '32', dm_permission: false,
        options: ['status', 'run', 'rollback'].map((name) => expect.objectContaining({ type: 1, name })),
      }),
      expect.objectContaining({
        name: 'pilot', type: 1, default_member_permissions: '32', dm_permission: false,
        options: ['run', 'status'].map((name) => expect.objectContaining({ type: 1, name })),
      }),
    ]);
  });

  it('/router stats: deferred, then the table for admins (Manage Server or an admin role), a refusal for members', async () => {
    const { app } = await launch({ env: { DISCORD_ADMIN_ROLE_IDS: MODERATOR_ROLE_ID } });
    await answerOf(fake, app, fake.say({ user: ALICE, content: `${MENTION} something to count`, mentionBot: true }));
    const run = async (input: Parameters<FakeDiscord['slash']>[0]) => {
      const { id, token } = fake.slash(input);
      const edit = await until(() => fake.calls('PATCH', new RegExp(`^/webhooks/${APP_ID}/${token}/messages/@original$`))[0], 'the command\'s answer');
      const [defer] = fake.calls('POST', new RegExp(`^/interactions/${id}/${token}/callback$`));
      expect(defer!.body).toEqual({ type: 5, data: { flags: 64 } });
      expect(defer!.at).toBeLessThanOrEqual(edit.at);
      return sent(edit);
    };

    const admin = await run({ user: BOB, name: 'router', subcommand: 'stats', permissions: ADMIN_PERMISSIONS });
    expect(admin).toContain('**Router stats, last 24h**');
    expect(admin).toMatch(/```\nprovider +share +reward +p50 +p95 +cost\npaced:a +100%/);
    const byRole = await run({ user: BOB, roles: [MODERATOR_ROLE_ID], name: 'router', subcommand: 'stats', options: { period: '1h' } });
    expect(byRole).toContain('**Router stats, last 1h**');
    const member = await run({ user: ALICE, name: 'router', subcommand: 'stats' });
    expect(member).toContain('/router is for server admins only.');
  });
});
