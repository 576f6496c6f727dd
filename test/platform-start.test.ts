import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './fakes/fake-slack.js';
import { SlackSender } from './fakes/fake-slack-signer.js';
import { waitFor } from './fakes/fake-slack-rig.js';
import { useTempDir } from './temp-dir.js';

const tempDir = useTempDir();
const ROOT = join(import.meta.dirname, '..');
const SECRET = 'platform-start-signing-secret';

let child: ChildProcess | undefined;
let fake: FakeSlack | undefined;
afterEach(async () => {
  child?.kill('SIGTERM');
  await fake?.close();
});

describe('npm start with platform tokens', () => {
  it('serves Slack on its one HTTP port, logs JSON to stdout, and stops cleanly on SIGTERM', async () => {
    fake = await startFakeSlack();
    const dir = tempDir();
    child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      cwd: ROOT,
      env: {
        PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'sb.db'), SIMULATION_REALTIME: 'false',
        SLACK_BOT_TOKEN: 'xoxb-platform-start-token', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d));
    child.stderr!.on('data', (d: Buffer) => (stderr += d));
    const port = await waitFor('the HTTP port', () => /127\.0\.0\.1:(\d+)\/metrics/.exec(stderr)?.[1], 15_000);
    await waitFor('the slack adapter', () => stderr.includes('slack adapter started.'), 15_000);
    expect(stderr).toContain('Serving slack.');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    const sender = new SlackSender(`http://127.0.0.1:${port}/slack/events`, SECRET);
    const sent = await sender.event({ type: 'app_mention', user: 'U123', text: '<@U0BOT> what is 6*7?', channel: 'C1', ts: '1700000000.000100' });
    expect(sent.status).toBe(200);
    const posted = await waitFor('an answer in the thread', () => fake!.callsTo('chat.postMessage').find((c) => c.args['thread_ts'] === '1700000000.000100'), 10_000);
    expect(posted.args['channel']).toBe('C1');
    await waitFor('the final edit', () => fake!.callsTo('chat.update').some((c) => String(c.args['text'] ?? '').includes('[simulated answer from')), 10_000);

    // Operators read JSON logs on stdout; the bot token never appears in them.
    const lines = stdout.trim().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(stdout).not.toContain('xoxb-platform-start-token');

    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
  }, 40_000);

  it('refuses incomplete platform credentials with a message that names the missing setting', async () => {
    const run = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      cwd: ROOT, env: { PORT: '0', DATABASE_PATH: join(tempDir(), 'sb.db'), DISCORD_TOKEN: 'discord-token-without-app-id' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    run.stderr!.on('data', (d: Buffer) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => run.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/DISCORD_TOKEN is set but DISCORD_APP_ID is not/);
    expect(stderr).not.toContain('discord-token-without-app-id');
  }, 20_000);
});
