import { describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from './index.js';

type Env = Record<string, string | undefined>;

function issuesFor(env: Env, readFile?: (path: string) => string): string[] {
  try {
    loadConfig({ env, readFile });
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig errors: each message names the setting, the value and what is allowed', () => {
  it.each([
    [
      { EXPLORATION_RATE: 'abc' },
      'EXPLORATION_RATE="abc" is not valid: expected a fraction between 0 and 1, written as 0.15 or 15%.',
    ],
    [
      { SWITCHBOARD_PROFILE: 'prod' },
      'SWITCHBOARD_PROFILE="prod" is not valid: expected one of production, staging, development (did you mean "production"?).',
    ],
    [{ PORT: '99999' }, 'PORT="99999" is not valid: expected a whole number from 0 to 65535.'],
    [{ PORT: '80.5' }, 'PORT="80.5" is not valid: expected a whole number from 0 to 65535.'],
    [
      { EXPLORATION_RATE: '15' },
      'EXPLORATION_RATE="15" is not valid: expected a fraction between 0 and 1, written as 0.15 or 15% (did you mean "15%" or "0.15"?).',
    ],
    [
      { RISK_TOLERANCE: '150%' },
      'RISK_TOLERANCE="150%" is not valid: expected a fraction between 0 and 1, written as 0.15 or 15%.',
    ],
    [
      { CONFIDENCE_THRESHOLD: '1' },
      'CONFIDENCE_THRESHOLD="1" is not valid: expected a fraction strictly between 0 and 1, written as 0.85 or 85%.',
    ],
    [
      { CONFIDENCE_THRESHOLD: '0%' },
      'CONFIDENCE_THRESHOLD="0%" is not valid: expected a fraction strictly between 0 and 1, written as 0.85 or 85%.',
    ],
    [
      { LEARNING_RATE: '0' },
      'LEARNING_RATE="0" is not valid: expected a fraction above 0 and at most 1, written as 0.2 or 20%.',
    ],
    [{ BANDIT_ALPHA: '-1' }, 'BANDIT_ALPHA="-1" is not valid: expected a number of 0 or more.'],
    [{ BANDIT_RIDGE_LAMBDA: '0' }, 'BANDIT_RIDGE_LAMBDA="0" is not valid: expected a number above 0.'],
    [
      { BANDIT_EPSILON: '1.5' },
      'BANDIT_EPSILON="1.5" is not valid: expected a fraction between 0 and 1, written as 0.05 or 5% (did you mean "1.5%" or "0.015"?).',
    ],
    [
      { BANDIT_EPSILON_FLOOR: '2' },
      'BANDIT_EPSILON_FLOOR="2" is not valid: expected a fraction between 0 and 1, written as 0.01 or 1% (did you mean "2%" or "0.02"?).',
    ],
    [
      { BANDIT_DRIFT_DECAY: '1.5' },
      'BANDIT_DRIFT_DECAY="1.5" is not valid: expected a fraction between 0 and 1, written as 0.999 or 99.9% (did you mean "1.5%" or "0.015"?).',
    ],
    [
      { BANDIT_DRIFT_RATE: '-0.1' },
      'BANDIT_DRIFT_RATE="-0.1" is not valid: expected a fraction between 0 and 1, written as 0.05 or 5%.',
    ],
    [{ REWARD_FEEDBACK_WEIGHT: 'lots' }, 'REWARD_FEEDBACK_WEIGHT="lots" is not valid: expected a number.'],
    [{ REWARD_COST_WEIGHT: '-3' }, 'REWARD_COST_WEIGHT="-3" is not valid: expected a number of 0 or more.'],
    [{ REWARD_LATENCY_WEIGHT: '0x10' }, 'REWARD_LATENCY_WEIGHT="0x10" is not valid: expected a number of 0 or more.'],
    [
      { FEEDBACK_WINDOW_SECONDS: '0' },
      'FEEDBACK_WINDOW_SECONDS="0" is not valid: expected a whole number above 0.',
    ],
    [
      { LOG_LEVEL: 'verbose' },
      'LOG_LEVEL="verbose" is not valid: expected one of fatal, error, warn, info, debug, trace, silent.',
    ],
    [
      { LOG_LEVEL: 'degub' },
      'LOG_LEVEL="degub" is not valid: expected one of fatal, error, warn, info, debug, trace, silent (did you mean "debug"?).',
    ],
    [
      { LOG_MESSAGE_TEXT: 'ture' },
      'LOG_MESSAGE_TEXT="ture" is not valid: expected one of true, false, yes, no, 1, 0 (did you mean "true"?).',
    ],
    [{ SIMULATION_REALTIME: '2' }, 'SIMULATION_REALTIME="2" is not valid: expected one of true, false, yes, no, 1, 0.'],
    [{ SIMULATION_SEED: '4.2' }, 'SIMULATION_SEED="4.2" is not valid: expected a whole number.'],
    [{ OPENAI_TIMEOUT_MS: '0' }, 'OPENAI_TIMEOUT_MS="0" is not valid: expected a whole number above 0.'],
    [
      { LOCAL_LLM_BASE_URL: 'localhost:11434/v1' },
      'LOCAL_LLM_BASE_URL="localhost:11434/v1" is not valid: expected an http:// or https:// URL (did you mean "http://localhost:11434/v1"?).',
    ],
    [
      { SLACK_API_URL: 'ftp://slack.test' },
      'SLACK_API_URL="ftp://slack.test" is not valid: expected an http:// or https:// URL.',
    ],
    [{ HOST: 'my host' }, 'HOST="my host" is not valid: expected a host name or IP address.'],
    [{ GEMINI_MODEL: 'gemini pro' }, 'GEMINI_MODEL="gemini pro" is not valid: expected a model name.'],
    [
      { DISCORD_TOKEN: 'abc def' },
      'DISCORD_TOKEN=<redacted> is not valid: expected a single token without spaces.',
    ],
  ] as [Env, string][])('%j', (env, message) => {
    expect(issuesFor(env)).toEqual([message]);
  });

  it('collects every problem before throwing, one line each', () => {
    let error: unknown;
    try {
      loadConfig({ env: { PORT: '99999', LOG_LEVEL: 'loud', EXPLORATION_RATE: 'abc', SIMULATION_SEED: 'x' } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.name).toBe('ConfigError');
    expect(configError.issues).toHaveLength(4);
    expect(configError.message.split('\n')).toEqual(configError.issues);
    expect(configError.issues.map((issue) => issue.split('=')[0])).toEqual([
      'EXPLORATION_RATE',
      'LOG_LEVEL',
      'PORT',
      'SIMULATION_SEED',
    ]);
  });
});

describe('loadConfig errors: config file', () => {
  const file = (content: string) => vi.fn((_path: string) => content);

  it('names the file and the reason when it cannot be read', () => {
    const readFile = vi.fn((path: string): string => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    });
    expect(issuesFor({ CONFIG_FILE: '/etc/sb.json' }, readFile)).toEqual([
      'CONFIG_FILE="/etc/sb.json" could not be read: permission denied.',
    ]);
  });

  it('names the file and the position of invalid JSON without quoting its text', () => {
    const issues = issuesFor({ CONFIG_FILE: 'c.json' }, file('{\n  "LOG_LEVEL": "debug",\n  "OPENAI_API_KEY": sk-secret\n}'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^CONFIG_FILE="c\.json" is not valid JSON/);
    expect(issues[0]).not.toContain('sk-secret');

    expect(issuesFor({ CONFIG_FILE: 'c.json' }, file('{"PORT": 1,}'))).toEqual([
      'CONFIG_FILE="c.json" is not valid JSON (line 1, column 12).',
    ]);
    expect(issuesFor({ CONFIG_FILE: 'c.json' }, file('{"PORT": 1'))).toEqual([
      expect.stringMatching(/^CONFIG_FILE="c\.json" is not valid JSON \((line 1, column 11|it ends too early)\)\.$/),
    ]);
  });

  it('requires one JSON object', () => {
    expect(issuesFor({ CONFIG_FILE: 'c.json' }, file('["LOG_LEVEL"]'))).toEqual([
      'CONFIG_FILE="c.json" must hold one JSON object whose keys are setting names, e.g. {"LOG_LEVEL": "debug"}; it holds an array.',
    ]);
  });

  it('names unknown keys, suggesting the setting that was probably meant', () => {
    const issues = issuesFor(
      { CONFIG_FILE: 'c.json' },
      file('{"LOGLEVEL": "debug", "openai_api_key": "k", "COLOUR": "blue"}'),
    );
    expect(issues).toEqual([
      'Unknown setting "LOGLEVEL" in c.json (did you mean "LOG_LEVEL"?).',
      'Unknown setting "openai_api_key" in c.json (did you mean "OPENAI_API_KEY"?).',
      'Unknown setting "COLOUR" in c.json: keys must be setting names such as LOG_LEVEL or PORT.',
    ]);
  });

  it('refuses CONFIG_FILE inside the file and values that are not text, numbers or booleans', () => {
    expect(issuesFor({ CONFIG_FILE: 'c.json' }, file('{"CONFIG_FILE": "other.json", "PORT": [1]}'))).toEqual([
      'CONFIG_FILE cannot be set inside c.json; set it as an environment variable.',
      'PORT in c.json must be a string, number or boolean, not an array.',
    ]);
  });

  it('names the file when a value from it is invalid, and reports file and environment problems together', () => {
    const issues = issuesFor(
      { CONFIG_FILE: 'c.json', LOG_LEVEL: 'loud' },
      file('{"PORT": 99999, "SLACK_SIGNING_SECRET": "two words", "TYPO": 1}'),
    );
    expect(issues).toEqual([
      'Unknown setting "TYPO" in c.json: keys must be setting names such as LOG_LEVEL or PORT.',
      'LOG_LEVEL="loud" is not valid: expected one of fatal, error, warn, info, debug, trace, silent.',
      'PORT="99999" (from c.json) is not valid: expected a whole number from 0 to 65535.',
      'SLACK_SIGNING_SECRET=<redacted> (from c.json) is not valid: expected a single token without spaces.',
    ]);
  });

  it('reports an environment value, not the file value it overrides', () => {
    expect(issuesFor({ CONFIG_FILE: 'c.json', PORT: 'eighty' }, file('{"PORT": 80}'))).toEqual([
      'PORT="eighty" is not valid: expected a whole number from 0 to 65535.',
    ]);
  });
});
