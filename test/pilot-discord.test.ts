import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerOf, armOf, startDiscordBot, until, type DiscordBot } from './fakes/fake-discord-harness.js';
import { PacedModel } from './fakes/fake-discord-paced-model.js';
import { ADMIN_PERMISSIONS, ALICE, APP_ID, BOB, BOT, GENERAL_ID, GUILD_ID, startFakeDiscord, type ApiObject, type FakeDiscord } from './fakes/fake-discord.js';

const TOPICS = [
  ['kubernetes', 'helm', 'deploy', 'rollback', 'cluster', 'pod', 'ingress', 'namespace'],
  ['sourdough', 'pizza', 'dough', 'oven', 'flour', 'yeast', 'crust', 'tomato'],
  ['guitar', 'chord', 'fret', 'strum', 'tuning', 'amplifier', 'pedal', 'capo'],
];
const PLANTED = 'The office wifi password rotates every monday; ask the front desk for the new code.';

let fake: FakeDiscord;
let bot: DiscordBot;
let model: PacedModel;
let planted: ApiObject;

beforeEach(async () => {
  fake = await startFakeDiscord();
  const start = Date.now() - 3 * 86_400_000;
  // Each message: five words of its topic and two shared ones, drawn by a fixed LCG so runs repeat.
  let seed = 7;
  const draw = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const shared = ['today', 'really', 'think', 'maybe', 'again', 'people', 'anyone', 'works'];
  const history = Array.from({ length: 180 }, (_, i) => {
    const words = [...Array.from({ length: 5 }, () => TOPICS[i % 3]![draw(8)]), shared[draw(8)], shared[draw(8)]];
    return { author: i % 2 ? BOB : ALICE, content: `${words.join(' ')}.`, at: start + i * 60_000 };
  });
  fake.seedChannelHistory(GENERAL_ID, history);
  planted = fake.seedChannelHistory(GENERAL_ID, [{ author: BOB, content: PLANTED, at: start + 200 * 60_000 }])[0]!;
  model = new PacedModel('paced-1', [{ text: 'Ask the front desk [1].', pieces: 2, delayMs: 5 }]);
  // Retrieval on in #general; the real worker pool (PILOT_WORKERS=1) does the segmenting and embedding.
  bot = await startDiscordBot(fake, { arms: [armOf('paced:a', model)], env: { RETRIEVAL_CHANNELS: GENERAL_ID, PILOT_WORKERS: '1' } });
});

afterEach(async () => {
  await bot.stop();
  await fake.close();
});

async function slash(subcommand: string, options: Record<string, string> = {}): Promise<string> {
  const { token } = fake.slash({ user: BOB, name: 'pilot', subcommand, options, permissions: ADMIN_PERMISSIONS });
  const edit = await until(() => fake.calls('PATCH', new RegExp(`^/webhooks/${APP_ID}/${token}/messages/@original$`))[0], `/pilot ${subcommand}'s answer`);
  return String((edit.body as ApiObject)['content']);
}

describe('pilot over Discord (real discord.js against the fake)', () => {
  it('/pilot run reads the channel history end to end; /pilot status shows the steps and topics; answers then cite the community', async () => {
    const started = await slash('run', { since: '7d' });
    expect(started).toMatch(/Pilot run \S+ started/);
    const run = await until(() => bot.app.pilot.recentRuns(GUILD_ID, 1).find((r) => r.status !== 'running'), 'the run to finish', 20_000);
    expect(run).toMatchObject({ status: 'completed', orchestrator: 'worker-pool', degraded: [] });
    expect(run.steps.map((s) => [s.name, s.status])).toEqual([['ingest', 'completed'], ['segment', 'completed'], ['embed', 'completed'], ['analysis', 'completed']]);
    expect(run.steps[0]!.counts).toEqual({ texts: 181, added: 181, duplicates: 0 });
    expect(run.analysis!.k).toBe(3);
    // Summaries were written by the router's analysis domain, on the same arms.
    expect(run.analysis!.topics.every((t) => t.summaryArm === 'paced:a')).toBe(true);
    expect(bot.app.store.pendingCount('analysis')).toBe(3);

    const status = await slash('status');
    expect(status).toContain(`Pilot run ${run.id}`);
    expect(status).toMatch(/embed: completed/);
    expect(status).toMatch(/3 topics over 181 chunks/);

    // A member asks about the planted message in the retrieval-enabled channel.
    const question = fake.say({ user: ALICE, content: `<@${BOT.id}> what is the wifi password at the office?`, mentionBot: true });
    const { pieces } = await answerOf(fake, bot.app, question);
    const text = pieces.map((p) => String(p['content'])).join('');
    expect(text).toContain(`Sources: [1] <https://discord.com/channels/${GUILD_ID}/${GENERAL_ID}/${String(planted['id'])}>`);
    const system = model.requests.at(-1)![0]!.content;
    expect(system).toContain(`[1] (#${GENERAL_ID}) ${PLANTED}`);
  });

  it('re-running over the same history adds no duplicates', async () => {
    await slash('run');
    await until(() => bot.app.pilot.recentRuns(GUILD_ID, 1).find((r) => r.status !== 'running'), 'the first run', 20_000);
    await slash('run');
    const second = await until(() => bot.app.pilot.recentRuns(GUILD_ID, 2).filter((r) => r.status !== 'running')[1] && bot.app.pilot.recentRuns(GUILD_ID, 1)[0]!.status !== 'running' ? bot.app.pilot.recentRuns(GUILD_ID, 1)[0] : undefined, 'the second run', 20_000);
    expect(second.steps[0]!.counts).toEqual({ texts: 181, added: 0, duplicates: 181 });
    expect(second.steps[2]!.counts).toMatchObject({ chunks: 0 });
  });

  it('refuses /pilot to members', async () => {
    const { token } = fake.slash({ user: ALICE, name: 'pilot', subcommand: 'run' });
    const edit = await until(() => fake.calls('PATCH', new RegExp(`^/webhooks/${APP_ID}/${token}/messages/@original$`))[0], 'the refusal');
    expect(String((edit.body as ApiObject)['content'])).toContain('/pilot is for server admins only.');
    expect(bot.app.pilot.recentRuns(GUILD_ID, 1)).toEqual([]);
  });
});
