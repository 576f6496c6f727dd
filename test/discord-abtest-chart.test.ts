import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedExperiment } from './abtest-fixtures.js';
import { armOf, startDiscordBot, until, type DiscordBot } from './fakes/fake-discord-harness.js';
import { PacedModel } from './fakes/fake-discord-paced-model.js';
import { ADMIN_PERMISSIONS, APP_ID, BOB, GUILD_ID, startFakeDiscord, type FakeDiscord } from './fakes/fake-discord.js';

let fake: FakeDiscord;
let bot: DiscordBot | undefined;

beforeEach(async () => {
  fake = await startFakeDiscord();
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await fake.close();
});

describe('/abtest status on Discord', () => {
  it('answers with the table and the reward chart as a PNG attachment (multipart files[0]) of the deferred reply', async () => {
    bot = await startDiscordBot(fake, { arms: [armOf('paced:a', new PacedModel('paced-1', [{ text: 'unused', pieces: 1, delayMs: 1 }]))] });
    seedExperiment(bot.app, bot.clock, { tenant: GUILD_ID, name: 'cheap', arm: 'paced:a' });

    const { id, token } = fake.slash({ user: BOB, name: 'abtest', subcommand: 'status', options: { name: 'cheap' }, permissions: ADMIN_PERMISSIONS });
    const upload = await until(() => fake.uploads[0], 'the chart upload');
    const [defer] = fake.calls('POST', new RegExp(`^/interactions/${id}/${token}/callback$`));
    expect(defer!.body).toEqual({ type: 5, data: { flags: 64 } });

    expect(upload).toMatchObject({ method: 'PATCH', path: `/webhooks/${APP_ID}/${token}/messages/@original`, field: 'files[0]', filename: 'abtest-cheap.png' });
    expect([...upload.data.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(upload.data.length).toBeGreaterThan(5_000);
    // The text answer travels in the same request, and the alt text as the attachment's description.
    expect(String(upload.payload['content'])).toMatch(/^\*\*Experiment cheap \(running\)\*\*\nSRM: ok/);
    expect(upload.payload['attachments']).toEqual([
      expect.objectContaining({ id: '0', description: expect.stringMatching(/^Mean reward of A, B in experiment cheap over its 1\.0 hours/) }),
    ]);
    expect(fake.uploads).toHaveLength(1);
  });
});
