import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, hasProviderKeys, loadConfig } from './index.js';

type Env = Record<string, string | undefined>;

function fileWith(content: string) {
  return vi.fn((_path: string) => content);
}

describe('loadConfig: secrets', () => {
  const secrets: Env = {
    OPENAI_API_KEY: 'sk-openai-123',
    ANTHROPIC_API_KEY: 'sk-ant-456',
    GEMINI_API_KEY: 'gem-789',
    LOCAL_LLM_API_KEY: 'local-000',
    DISCORD_TOKEN: 'discord.token.abc',
    SLACK_BOT_TOKEN: 'xoxb-111',
    SLACK_SIGNING_SECRET: 'signing-222',
    SLACK_APP_TOKEN: 'xapp-333',
  };

  it('collects every configured secret, once, longest first, and wires each into its place', () => {
    const config = loadConfig({ env: { ...secrets, LOCAL_LLM_API_KEY: 'sk-openai-123' } });
    expect([...config.secrets].sort()).toEqual(
      ['sk-openai-123', 'sk-ant-456', 'gem-789', 'discord.token.abc', 'xoxb-111', 'signing-222', 'xapp-333'].sort(),
    );
    const lengths = config.secrets.map((s) => s.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
    expect(config.providers.openai.apiKey).toBe('sk-openai-123');
    expect(config.providers.anthropic.apiKey).toBe('sk-ant-456');
    expect(config.providers.gemini.apiKey).toBe('gem-789');
    expect(config.providers.local.apiKey).toBe('sk-openai-123');
    expect(config.discord.token).toBe('discord.token.abc');
    expect(config.slack).toEqual({ botToken: 'xoxb-111', signingSecret: 'signing-222', appToken: 'xapp-333', adminUserIds: [] });
    expect(hasProviderKeys(config)).toBe(true);
  });

  it('counts any one provider key as configured', () => {
    for (const name of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GEMINI_API_KEY']) {
      expect(hasProviderKeys(loadConfig({ env: { [name]: 'k' } }))).toBe(true);
    }
    expect(hasProviderKeys(loadConfig({ env: { LOCAL_LLM_API_KEY: 'k' } }))).toBe(false);
  });

  it('never echoes a secret, neither a bad one nor a good one next to another error', () => {
    const error = captureError({ env: { ...secrets, OPENAI_API_KEY: 'sk-has a space', PORT: 'x' } });
    expect(error.issues).toContain(
      'OPENAI_API_KEY=<redacted> is not valid: expected a single token without spaces.',
    );
    expect(error.message).not.toContain('sk-has');
    for (const value of Object.values(secrets)) expect(error.message).not.toContain(value);
  });
});

describe('loadConfig: config file', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('reads settings from CONFIG_FILE, with environment variables taking precedence', () => {
    const readFile = fileWith(
      JSON.stringify({ LOG_LEVEL: 'debug', PORT: 8080, LOG_MESSAGE_TEXT: true, EXPLORATION_RATE: '10%', HOST: '' }),
    );
    const config = loadConfig({ env: { CONFIG_FILE: '/etc/switchboard.json', PORT: '9000' }, readFile });
    expect(readFile).toHaveBeenCalledWith('/etc/switchboard.json');
    expect(config.log).toEqual({ level: 'debug', messageText: true });
    expect(config.http).toEqual({ port: 9000, host: '0.0.0.0' });
    expect(config.operating.explorationRate).toBeCloseTo(0.1, 12);
    expect(config.bandit.epsilon).toBeCloseTo(0.1, 12);
    expect(config.bandit.epsilonFloor).toBeCloseTo(0.02, 12);
  });

  it('lets the file choose the profile and treats null as unset', () => {
    const readFile = fileWith('{"SWITCHBOARD_PROFILE": "development", "OPENAI_API_KEY": null}');
    const config = loadConfig({ env: { CONFIG_FILE: 'c.json' }, readFile });
    expect(config.profile).toBe('development');
    expect(config.operating.explorationRate).toBe(0.3);
    expect(config.providers.openai.apiKey).toBeUndefined();
  });

  it('reads the bandit overrides from the file, as numbers or as text', () => {
    const readFile = fileWith(
      '{"BANDIT_ALPHA": 1, "BANDIT_EPSILON_FLOOR": "2%", "BANDIT_DRIFT_DECAY": 0.99, "BANDIT_DRIFT_RATE": 0}',
    );
    const config = loadConfig({ env: { CONFIG_FILE: 'c.json', BANDIT_DRIFT_RATE: '0.1' }, readFile });
    expect(config.bandit).toEqual({
      alpha: 1,
      ridgeLambda: 10,
      epsilon: 0.05,
      epsilonFloor: 0.02,
      driftDecay: 0.99,
      driftRate: 0.1,
    });
  });

  it('collects secrets given in the file', () => {
    const readFile = fileWith('{"GEMINI_API_KEY": "from-file"}');
    expect(loadConfig({ env: { CONFIG_FILE: 'c.json' }, readFile }).secrets).toEqual(['from-file']);
  });

  it('does not read a file when CONFIG_FILE is empty', () => {
    const readFile = fileWith('{}');
    loadConfig({ env: { CONFIG_FILE: '' }, readFile });
    expect(readFile).not.toHaveBeenCalled();
  });

  it('reads from disk by default', () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
    const path = join(dir, 'switchboard.json');
    writeFileSync(path, '{"SIMULATION_SEED": 7}');
    expect(loadConfig({ env: { CONFIG_FILE: path } }).simulation.seed).toBe(7);
  });

  it('names a file that does not exist', () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
    const path = join(dir, 'missing.json');
    expect(captureError({ env: { CONFIG_FILE: path } }).issues).toEqual([
      `CONFIG_FILE="${path}" could not be read: there is no such file.`,
    ]);
  });
});

function captureError(input: Parameters<typeof loadConfig>[0]): ConfigError {
  try {
    loadConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}
