import { describe, expect, it } from 'vitest';
import { loadConfig } from './index.js';

describe('loadConfig: platforms and access lists', () => {
  it('parses id lists, DM and history settings', () => {
    const config = loadConfig({ env: { DISCORD_ADMIN_ROLE_IDS: '111, 222', SLACK_ADMIN_USER_IDS: 'U1', BLOCKED_CHANNELS: 'C9', DISCORD_ALLOW_DMS: 'no', HISTORY_MAX_MESSAGES: '5' } });
    expect(config.discord).toMatchObject({ adminRoleIds: ['111', '222'], allowDms: false });
    expect(config.slack.adminUserIds).toEqual(['U1']);
    expect(config.access).toEqual({ allowUsers: [], blockUsers: [], allowRoles: [], blockRoles: [], allowChannels: [], blockChannels: ['C9'] });
    expect(config.conversation).toEqual({ historyMaxMessages: 5, historyMaxChars: 8000, streamEditIntervalMs: 1000 });
    expect(() => loadConfig({ env: { STREAM_EDIT_INTERVAL_MS: '50' } })).toThrow(/STREAM_EDIT_INTERVAL_MS="50" is not valid/);
  });
});

describe('loadConfig: router, budget and prices', () => {
  it('has retry, circuit and budget defaults, and the built-in price table', () => {
    const config = loadConfig({ env: {} });
    expect(config.router).toEqual({
      maxRetries: 2, retryBaseMs: 250, retryMaxMs: 8000, circuitFailureThreshold: 3, circuitCooldownMs: 30_000, circuitMaxCooldownMs: 600_000,
    });
    expect(config.budget).toEqual({ dailyUsd: 0, action: 'cheapest' });
    expect(config.prices['gpt-4o-mini']).toEqual({ input: 0.15, output: 0.6 });
  });

  it('merges PRICES over the built-in table and reads the budget settings', () => {
    const config = loadConfig({
      env: { PRICES: '{"my-model":{"input":0.5,"output":1.5},"gpt-4o-mini":{"input":1,"output":2}}', TENANT_DAILY_BUDGET_USD: '2.5', BUDGET_EXHAUSTED_ACTION: 'refuse' },
    });
    expect(config.prices['my-model']).toEqual({ input: 0.5, output: 1.5 });
    expect(config.prices['gpt-4o-mini']).toEqual({ input: 1, output: 2 });
    expect(config.prices['gpt-4o']).toEqual({ input: 2.5, output: 10 });
    expect(config.budget).toEqual({ dailyUsd: 2.5, action: 'refuse' });
  });

  it('names PRICES and shows the expected shape when it is not a price table', () => {
    expect(() => loadConfig({ env: { PRICES: '{"m":{"input":"cheap"}}' } })).toThrow(/PRICES=.*is not valid: expected a JSON object of model/);
    expect(() => loadConfig({ env: { PRICES: 'nope' } })).toThrow(/PRICES="nope" is not valid/);
    expect(() => loadConfig({ env: { BUDGET_EXHAUSTED_ACTION: 'cheap' } })).toThrow(/did you mean "cheapest"/);
  });
});

describe('loadConfig: pilot and retrieval', () => {
  it('defaults to the local hashing embedder and retrieval off', () => {
    const config = loadConfig({ env: {} });
    expect(config.pilot).toMatchObject({ embedder: 'hashing', embeddingDimensions: 0, workspace: 'main', chunkTokens: 200, chunkOverlap: 40, workers: 1 });
    expect(config.retrieval).toEqual({ channels: [], topK: 3, minScore: 0.25 });
  });

  it('names the field and the fix for a bad embedder or workspace', () => {
    expect(() => loadConfig({ env: { PILOT_EMBEDDER: 'opnai' } })).toThrow(/PILOT_EMBEDDER.*openai/s);
    expect(() => loadConfig({ env: { PILOT_WORKSPACE: 'a:b' } })).toThrow(/PILOT_WORKSPACE.*without spaces or colons/s);
  });

  it('reads the retrieval channels as a list', () => {
    expect(loadConfig({ env: { RETRIEVAL_CHANNELS: 'c1, c2', RETRIEVAL_MIN_SCORE: '30%' } }).retrieval).toEqual({ channels: ['c1', 'c2'], topK: 3, minScore: 0.3 });
  });
});

describe('loadConfig: embedder needs its provider', () => {
  it('says which key a provider embedder needs', () => {
    expect(() => loadConfig({ env: { PILOT_EMBEDDER: 'openai' } })).toThrow(/PILOT_EMBEDDER is openai but OPENAI_API_KEY is not set/);
    expect(() => loadConfig({ env: { PILOT_EMBEDDER: 'gemini' } })).toThrow(/GEMINI_API_KEY/);
    expect(loadConfig({ env: { PILOT_EMBEDDER: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' } }).pilot.embedder).toBe('openai');
  });
});

describe('loadConfig: optimizer', () => {
  it('defaults to a daily run or every 1,000 rewards, a 10 % canary, and the profile\'s tolerance', () => {
    expect(loadConfig({ env: {} }).optimizer).toEqual({
      rollbackTolerance: 0.15, deployConfidence: 0.85, enabled: true, intervalMs: 86_400_000, afterRewards: 1000, minRewards: 300,
      maxLogs: 20000, trials: 30, canaryShare: 0.1, canaryMinRequests: 200, canaryMaxAgeMs: 7 * 86_400_000,
    });
  });

  it('reads the canary share as a percentage and refuses 100 %', () => {
    expect(loadConfig({ env: { OPTIMIZER_CANARY_SHARE: '5%' } }).optimizer.canaryShare).toBeCloseTo(0.05, 12);
    expect(() => loadConfig({ env: { OPTIMIZER_CANARY_SHARE: '100%' } })).toThrow(/OPTIMIZER_CANARY_SHARE/);
  });
});
