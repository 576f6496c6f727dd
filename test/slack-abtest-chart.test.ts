import { afterEach, describe, expect, it } from 'vitest';
import { seedExperiment } from './abtest-fixtures.js';
import { ADMIN_USER, startSlackRig, waitFor, type SlackRig } from './fakes/fake-slack-rig.js';
import { useTempDir } from './temp-dir.js';

const tempDir = useTempDir();
let rig: SlackRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const statusCommand = (r: SlackRig, id: string, channel = 'C1') => r.slack.command({
  command: '/abtest', text: 'status cheap', user_id: ADMIN_USER, team_id: 'T0TEAM', channel_id: channel, response_url: r.fake.responseUrl(id),
});

describe('/abtest status on Slack', () => {
  it('answers with the table, then uploads the reward chart with files.uploadV2 into the channel', async () => {
    const r = (rig = await startSlackRig({ dir: tempDir() }));
    seedExperiment(r.app, r.clock, { tenant: 'T0TEAM', name: 'cheap', arm: 'fake:streamer' });

    expect((await statusCommand(r, 'status')).status).toBe(200);
    const text = await waitFor('the status reply', () => r.fake.responses.find((p) => p.id === 'status')?.body);
    expect(text['text']).toMatch(/^\*Experiment cheap \(running\)\*\nSRM: ok/);
    const upload = await waitFor('a completed upload', () => r.fake.uploads.find((u) => u.completed));

    // The three steps of files.uploadV2, in order, the bytes in between.
    expect(r.fake.calls.filter((c) => c.method.startsWith('files.')).map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(r.fake.callsTo('files.getUploadURLExternal')[0]!.token).toBe('xoxb-fake-bot-token');
    expect(upload).toMatchObject({
      filename: 'abtest-cheap.png', altText: expect.stringMatching(/^Mean reward of A, B in experiment cheap/),
      completed: { channelId: 'C1', title: 'Experiment cheap (running)' },
    });
    expect([...upload.data!.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(upload.data!.length).toBe(upload.length);
    expect(upload.length).toBeGreaterThan(5_000);
  });

  it('keeps the text answer when the upload is refused, and says why the chart is missing', async () => {
    const r = (rig = await startSlackRig({ dir: tempDir() }));
    seedExperiment(r.app, r.clock, { tenant: 'T0TEAM', name: 'cheap', arm: 'fake:streamer' });
    r.fake.refuseUploads('not_in_channel');

    await statusCommand(r, 'status', 'C9');
    const replies = await waitFor('two replies', () => {
      const bodies = r.fake.responses.filter((p) => p.id === 'status').map((p) => p.body);
      return bodies.length >= 2 ? bodies : undefined;
    });
    expect(replies[0]!['text']).toMatch(/^\*Experiment cheap/);
    expect(replies[1]).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^\(The chart could not be posted here: .*not_in_channel/) });
    expect(r.fake.uploads.map((u) => u.completed)).toEqual([undefined]);
  });
});
