import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sendJson } from './fakes/fake-http.js';
import { startFakeOpenAi } from './fakes/fake-openai.js';
import { useTempDir } from './temp-dir.js';

const tempDir = useTempDir();
const ROOT = join(import.meta.dirname, '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm start`'s command as a real process with piped stdin and only the given environment. */
function start(input: string, env: Record<string, string>, args: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts', ...args], {
      cwd: ROOT, env: { PORT: '0', SIMULATION_REALTIME: 'false', ...env }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('npm start on piped stdin', () => {
  it('answers each line on stdout and exits 0 at the end of input', async () => {
    const dir = tempDir();
    const run = await start('write a python function that reverses a list\nwhat is 17*23?\n', { DATABASE_PATH: join(dir, 'sb.db') });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^\[simulated answer from [a-z]+-sim\]/);
    expect(run.stderr).toMatch(/No provider keys configured: answering with 4 simulated providers/);
    expect(run.stderr).toMatch(/chatting on the console/);
  });

  it('with --json prints exactly one JSON object per input line, and stores each decision first', async () => {
    const dir = tempDir();
    const db = join(dir, 'sb.db');
    const run = await start('hello\n\nwhat is 2+2?\n', { DATABASE_PATH: db }, ['--json']);
    expect(run.code).toBe(0);
    const objects = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects).toHaveLength(3);
    expect(Object.keys(objects[0]!).sort()).toEqual(['arm', 'costUsd', 'decisionId', 'latencyMs', 'text']);
    expect(objects[1]).toEqual({ error: 'empty message', decisionId: null });
    const sqlite = new Database(db, { readonly: true });
    const rows = sqlite.prepare('SELECT d.id, d.arm, d.propensity, o.arm AS answered FROM decisions d JOIN outcomes o ON o.decision_id = d.id').all() as Array<{ id: string; arm: string; propensity: number; answered: string }>;
    sqlite.close();
    expect(rows.map((r) => r.id).sort()).toEqual([objects[0]!['decisionId'], objects[2]!['decisionId']].sort());
    for (const row of rows) {
      expect(row.propensity).toBeGreaterThan(0);
      expect(row.answered).toBe(row.arm);
    }
  });

  it('refuses a bad setting with a message naming it, its value and what is allowed', async () => {
    const run = await start('hi\n', { DATABASE_PATH: join(tempDir(), 'sb.db'), EXPLORATION_RATE: 'lots' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('EXPLORATION_RATE="lots" is not valid');
    expect(run.stderr).toMatch(/between 0 and 1/);
  });

  it('keeps configured secrets and message text out of the logs, even when a provider echoes the key', async () => {
    const dir = tempDir();
    const key = 'sk-proj-secret-key-0123456789';
    const fake = await startFakeOpenAi({ apiKey: key });
    // A failing provider whose error body repeats the key, so it would reach the logs if anything let it.
    fake.answerWith((_req, res) => sendJson(res, 500, { error: { message: `internal error for key ${key}`, type: 'server_error' } }));
    const secrets = { OPENAI_API_KEY: key, OPENAI_BASE_URL: `${fake.url}/v1`, ROUTER_RETRY_BASE_MS: '1' };
    const question = 'my private question about 42*17';
    const run = await start(`${question}\n`, { DATABASE_PATH: join(dir, 'sb.db'), LOG_LEVEL: 'trace', ...secrets });
    await fake.close();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Sorry, no provider could answer right now/);
    expect(fake.requests.length).toBe(3);
    const log = readFileSync(join(dir, 'switchboard.log'), 'utf8');
    expect(log).toContain('"msg":"decision"');
    expect(log).toContain('"msg":"arm failed"');
    expect(log).not.toContain(key);
    expect(run.stderr).not.toContain(key);
    expect(run.stdout).not.toContain(key);
    expect(log).not.toContain(question);

    // The same run with LOG_MESSAGE_TEXT=true does log the text: the check above can fail.
    const dir2 = tempDir();
    await start(`${question}\n`, { DATABASE_PATH: join(dir2, 'sb.db'), LOG_LEVEL: 'trace', LOG_MESSAGE_TEXT: 'true' });
    expect(readFileSync(join(dir2, 'switchboard.log'), 'utf8')).toContain(question);
  });
});
