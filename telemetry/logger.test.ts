import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, messageTextField, redactPaths, secretScrubber } from './logger.js';

function capture(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter((l) => l.length > 0) };
}

const SECRET = 'sk-test-0123456789abcdef';
const TOKEN = 'xoxb-1111-2222-slacktoken';

describe('createLogger', () => {
  it('writes one JSON object per line with level label, time, msg and base fields', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', secrets: [], destination: out.stream, base: { service: 'switchboard' } });
    logger.info({ n: 1 }, 'first');
    logger.warn('second');
    logger.debug('filtered out by level');
    const lines = out.lines();
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ level: 'info', msg: 'first', n: 1, service: 'switchboard' });
    expect(typeof first?.time).toBe('string');
    expect(first?.pid).toBe(process.pid);
    expect(second).toMatchObject({ level: 'warn', msg: 'second' });
  });

  it('replaces configured secret values in nested objects, error messages and plain strings', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', secrets: [SECRET, TOKEN], destination: out.stream });
    logger.info({ provider: { config: { deep: { note: `key=${SECRET}` } } } }, 'nested');
    logger.error({ err: new Error(`401 for ${SECRET} at https://api.example.com/v1?key=${SECRET}`) }, 'failed');
    logger.warn({ error: new Error(`slack rejected ${TOKEN}`) }, 'failed too');
    logger.info(`plain message with ${TOKEN} inside`);
    logger.child({ component: 'router' }).info({ url: `https://x.test/${SECRET}` }, 'child');
    const text = out.lines().join('\n');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('0123456789abcdef');
    const parsed = out.lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed[0]).toMatchObject({ provider: { config: { deep: { note: 'key=[redacted]' } } } });
    expect((parsed[1]?.err as { message: string }).message).toBe(
      '401 for [redacted] at https://api.example.com/v1?key=[redacted]',
    );
    expect((parsed[2]?.error as { message: string }).message).toBe('slack rejected [redacted]');
    expect(parsed[3]?.msg).toBe('plain message with [redacted] inside');
    expect(parsed[4]).toMatchObject({ component: 'router', url: 'https://x.test/[redacted]' });
  });

  it('redacts secret values that JSON escaping changes, and ignores very short secrets', () => {
    const odd = 'pa"ss\\word-42';
    const out = capture();
    const logger = createLogger({ level: 'info', secrets: [odd, 'ab', ''], destination: out.stream });
    logger.info({ note: `value ${odd}` }, 'ab stays readable');
    const line = out.lines()[0] ?? '';
    expect(line).not.toContain(JSON.stringify(odd).slice(1, -1));
    expect(JSON.parse(line)).toMatchObject({ note: 'value [redacted]', msg: 'ab stays readable' });
  });

  it('censors secret-named keys at the top level and at depth, even when not configured', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', secrets: [], destination: out.stream });
    logger.info(
      {
        apiKey: 'a1',
        password: 'p1',
        provider: { apiKey: 'a2', token: 't2' },
        slack: { botToken: 'b', appToken: 'c', signingSecret: 'd', secret: 'e' },
        req: { headers: { authorization: 'Bearer zzz', 'x-api-key': 'k' } },
        err: { response: { config: { headers: { authorization: 'Bearer deep' } } } },
        list: [{ token: 'in-array' }],
      },
      'keys',
    );
    const line = out.lines()[0] ?? '';
    for (const leaked of ['a1', 'p1', 'a2', 't2', '"b"', '"c"', '"d"', '"e"', 'zzz', '"k"', 'deep', 'in-array']) {
      expect(line).not.toContain(leaked);
    }
    expect(JSON.parse(line)).toMatchObject({
      apiKey: '[redacted]',
      password: '[redacted]',
      provider: { apiKey: '[redacted]', token: '[redacted]' },
      slack: { botToken: '[redacted]', appToken: '[redacted]', signingSecret: '[redacted]', secret: '[redacted]' },
      req: { headers: { authorization: '[redacted]', 'x-api-key': '[redacted]' } },
      list: [{ token: '[redacted]' }],
    });
  });

  it('accepts a file descriptor as destination', () => {
    expect(() => createLogger({ level: 'silent', secrets: [], destination: 2 })).not.toThrow();
  });
});

describe('secretScrubber', () => {
  it('removes a secret containing another secret as a whole', () => {
    const scrub = secretScrubber(['abcd', 'abcd-efgh-ijkl']);
    expect(scrub('x abcd-efgh-ijkl y abcd')).toBe('x [redacted] y [redacted]');
  });
});

describe('redactPaths', () => {
  it('lists each key at every depth, with bracket notation for non-identifiers', () => {
    expect(redactPaths(['apiKey', 'x-api-key'], 1)).toEqual(['apiKey', '*.apiKey', '["x-api-key"]', '*["x-api-key"]']);
  });
});

describe('messageTextField', () => {
  it('includes the text only when allowed', () => {
    expect(messageTextField('hello there', true)).toEqual({ text: 'hello there' });
    expect(messageTextField('hello there', false)).toEqual({ textChars: 11 });
  });
});
