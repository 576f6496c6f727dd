import { describe, expect, expectTypeOf, it } from 'vitest';
import { hasProviderKeys, loadConfig, type Config } from './index.js';

type Env = Record<string, string | undefined>;

describe('loadConfig: profiles and defaults', () => {
  it('defaults to the production profile and documented values when nothing is set', () => {
    const config = loadConfig({ env: {} });
    expect(config.profile).toBe('production');
    expect(config.operating).toEqual({
      confidenceThreshold: 0.85,
      riskTolerance: 0.15,
      learningRate: 0.1,
      explorationRate: 0.05,
    });
    expect(config.bandit.alpha).toBe(0);
    expect(config.bandit.ridgeLambda).toBeCloseTo(10, 12);
    expect(config.bandit.epsilon).toBe(0.05);
    expect(config.bandit.epsilonFloor).toBeCloseTo(0.01, 12);
    expect(config.bandit.driftDecay).toBe(0.999);
    expect(config.bandit.driftRate).toBe(0.05);
    expect(config.reward).toEqual({
      feedbackWeight: 1,
      latencyWeight: 0.05,
      costWeight: 10,
      errorWeight: 1,
      feedbackWindowSeconds: 900,
    });
    expect(config.optimizer).toMatchObject({ rollbackTolerance: 0.15, deployConfidence: 0.85 });
    expect(config.log).toEqual({ level: 'info', messageText: false });
    expect(config.http).toEqual({ port: 9464, host: '0.0.0.0' });
    expect(config.store).toEqual({ databasePath: './data/switchboard.db' });
    expect(config.simulation).toEqual({ seed: 42, realtime: true });
    expect(config.providers.openai).toEqual({ model: 'gpt-4o-mini', timeoutMs: 60_000 });
    expect(config.providers.anthropic).toEqual({ model: 'claude-3-5-haiku-latest', timeoutMs: 60_000 });
    expect(config.providers.gemini).toEqual({ model: 'gemini-2.0-flash', timeoutMs: 60_000 });
    expect(config.providers.local).toEqual({ model: 'llama3.1', timeoutMs: 60_000 });
    expect(config.discord).toEqual({ allowDms: true, adminRoleIds: [] });
    expect(config.slack).toEqual({ adminUserIds: [] });
    expect(config.secrets).toEqual([]);
    expect(hasProviderKeys(config)).toBe(false);
  });

  it('gives the same Config for an explicit production profile as for none', () => {
    expect(loadConfig({ env: { SWITCHBOARD_PROFILE: 'production' } })).toEqual(loadConfig({ env: {} }));
  });

  it('takes operating values, feedback window and derived bandit parameters from the development profile', () => {
    const config = loadConfig({ env: { SWITCHBOARD_PROFILE: 'development' } });
    expect(config.profile).toBe('development');
    expect(config.operating).toEqual({
      confidenceThreshold: 0.5,
      riskTolerance: 0.25,
      learningRate: 0.3,
      explorationRate: 0.3,
    });
    expect(config.bandit.alpha).toBe(0);
    expect(config.bandit.ridgeLambda).toBeCloseTo(10 / 3, 12);
    expect(config.bandit.epsilon).toBe(0.3);
    expect(config.bandit.epsilonFloor).toBeCloseTo(0.06, 12);
    expect(config.bandit.driftDecay).toBe(0.999);
    expect(config.bandit.driftRate).toBe(0.05);
    expect(config.optimizer).toMatchObject({ rollbackTolerance: 0.25, deployConfidence: 0.5 });
    expect(config.reward.feedbackWindowSeconds).toBe(60);
  });

  it('takes its values from the staging profile, whose name is matched case-insensitively', () => {
    const config = loadConfig({ env: { SWITCHBOARD_PROFILE: 'Staging' } });
    expect(config.profile).toBe('staging');
    expect(config.bandit.alpha).toBe(0);
    expect(config.bandit.ridgeLambda).toBeCloseTo(5, 12);
    expect(config.bandit.epsilon).toBe(0.15);
    expect(config.bandit.epsilonFloor).toBeCloseTo(0.03, 12);
    expect(config.optimizer).toMatchObject({ rollbackTolerance: 0.2, deployConfidence: 0.7 });
    expect(config.reward.feedbackWindowSeconds).toBe(900);
  });

  it('has exactly the documented Config shape', () => {
    interface Provider {
      apiKey?: string;
      baseUrl?: string;
      model: string;
      timeoutMs: number;
    }
    interface Expected {
      profile: 'production' | 'staging' | 'development';
      operating: { confidenceThreshold: number; riskTolerance: number; learningRate: number; explorationRate: number };
      bandit: {
        alpha: number;
        ridgeLambda: number;
        epsilon: number;
        epsilonFloor: number;
        driftDecay: number;
        driftRate: number;
      };
      reward: {
        feedbackWeight: number;
        latencyWeight: number;
        costWeight: number;
        errorWeight: number;
        feedbackWindowSeconds: number;
      };
      optimizer: {
        rollbackTolerance: number; deployConfidence: number; enabled: boolean; intervalMs: number; afterRewards: number; minRewards: number;
        maxLogs: number; trials: number; canaryShare: number; canaryMinRequests: number; canaryMaxAgeMs: number;
      };
      router: {
        maxRetries: number;
        retryBaseMs: number;
        retryMaxMs: number;
        circuitFailureThreshold: number;
        circuitCooldownMs: number;
        circuitMaxCooldownMs: number;
      };
      budget: { dailyUsd: number; action: 'cheapest' | 'refuse' };
      prices: Record<string, { input: number; output: number }>;
      log: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'; messageText: boolean };
      http: { port: number; host: string; apiToken?: string };
      store: { databasePath: string };
      simulation: { seed: number; realtime: boolean };
      providers: { openai: Provider; anthropic: Provider; gemini: Provider; local: Provider };
      discord: { token?: string; appId?: string; apiUrl?: string; guildId?: string; allowDms: boolean; adminRoleIds: string[] };
      slack: { botToken?: string; signingSecret?: string; appToken?: string; apiUrl?: string; adminUserIds: string[] };
      access: {
        allowUsers: string[]; blockUsers: string[]; allowRoles: string[]; blockRoles: string[]; allowChannels: string[]; blockChannels: string[];
      };
      conversation: { historyMaxMessages: number; historyMaxChars: number; streamEditIntervalMs: number };
      pilot: {
        embedder: 'hashing' | 'openai' | 'gemini'; embeddingModel?: string; embeddingDimensions: number; workspace: string;
        chunkTokens: number; chunkOverlap: number; maxTopics: number; workers: number; historyLimit: number;
      };
      retrieval: { channels: string[]; topK: number; minScore: number };
      secrets: string[];
    }
    expectTypeOf<Config>().toEqualTypeOf<Expected>();
  });
});

describe('loadConfig: environment overrides', () => {
  it('lets each operating value override the profile and re-derives the bandit and optimizer parameters from it', () => {
    const config = loadConfig({
      env: {
        SWITCHBOARD_PROFILE: 'production',
        CONFIDENCE_THRESHOLD: '0.95',
        RISK_TOLERANCE: '0.2',
        LEARNING_RATE: '0.5',
        EXPLORATION_RATE: '0.1',
      },
    });
    expect(config.operating).toEqual({
      confidenceThreshold: 0.95,
      riskTolerance: 0.2,
      learningRate: 0.5,
      explorationRate: 0.1,
    });
    expect(config.bandit).toEqual({
      alpha: 0,
      ridgeLambda: 2,
      epsilon: 0.1,
      epsilonFloor: 0.02,
      driftDecay: 0.999,
      driftRate: 0.05,
    });
    expect(config.optimizer).toMatchObject({ rollbackTolerance: 0.2, deployConfidence: 0.95 });
  });

  it('sends the confidence threshold to the optimizer only, never to the bandit', () => {
    const low = loadConfig({ env: { CONFIDENCE_THRESHOLD: '0.55' } });
    const high = loadConfig({ env: { CONFIDENCE_THRESHOLD: '99%' } });
    expect(low.optimizer.deployConfidence).toBe(0.55);
    expect(high.optimizer.deployConfidence).toBeCloseTo(0.99, 12);
    expect(low.bandit).toEqual(high.bandit);
    expect(high.bandit.alpha).toBe(0);
  });

  it('reads fractions written as percentages', () => {
    const config = loadConfig({
      env: {
        EXPLORATION_RATE: '20%',
        RISK_TOLERANCE: '15 %',
        LEARNING_RATE: '100%',
        BANDIT_EPSILON: '0.5%',
        BANDIT_EPSILON_FLOOR: '0.1%',
        BANDIT_DRIFT_DECAY: '99.5%',
        BANDIT_DRIFT_RATE: '10%',
      },
    });
    expect(config.operating.explorationRate).toBeCloseTo(0.2, 12);
    expect(config.operating.riskTolerance).toBeCloseTo(0.15, 12);
    expect(config.operating.learningRate).toBe(1);
    expect(config.bandit.epsilon).toBeCloseTo(0.005, 12);
    expect(config.bandit.epsilonFloor).toBeCloseTo(0.001, 12);
    expect(config.bandit.driftDecay).toBeCloseTo(0.995, 12);
    expect(config.bandit.driftRate).toBeCloseTo(0.1, 12);
  });

  it('lets explicit bandit parameters win over the derived ones', () => {
    const config = loadConfig({
      env: {
        BANDIT_ALPHA: '2.5',
        BANDIT_RIDGE_LAMBDA: '0.75',
        BANDIT_EPSILON: '0.2',
        BANDIT_EPSILON_FLOOR: '0.04',
        BANDIT_DRIFT_DECAY: '1',
        BANDIT_DRIFT_RATE: '0',
      },
    });
    expect(config.bandit).toEqual({
      alpha: 2.5,
      ridgeLambda: 0.75,
      epsilon: 0.2,
      epsilonFloor: 0.04,
      driftDecay: 1,
      driftRate: 0,
    });
    expect(config.operating).toEqual(loadConfig({ env: {} }).operating);
    expect(config.optimizer).toMatchObject({ rollbackTolerance: 0.15, deployConfidence: 0.85 });
  });

  it('overrides each bandit parameter on its own, leaving the others derived', () => {
    const derived = loadConfig({ env: {} }).bandit;
    const cases: [Env, Partial<Config['bandit']>][] = [
      [{ BANDIT_ALPHA: '0.5' }, { alpha: 0.5 }],
      [{ BANDIT_RIDGE_LAMBDA: '3' }, { ridgeLambda: 3 }],
      // The floor follows EXPLORATION_RATE, not BANDIT_EPSILON.
      [{ BANDIT_EPSILON: '0.5' }, { epsilon: 0.5 }],
      [{ BANDIT_EPSILON_FLOOR: '0.02' }, { epsilonFloor: 0.02 }],
      [{ BANDIT_DRIFT_DECAY: '0.99' }, { driftDecay: 0.99 }],
      [{ BANDIT_DRIFT_RATE: '0.2' }, { driftRate: 0.2 }],
    ];
    for (const [env, changed] of cases) {
      expect(loadConfig({ env }).bandit).toEqual({ ...derived, ...changed });
    }
  });

  it('accepts 0 for the alpha, floor and drift rate, and 1 for the drift decay', () => {
    const config = loadConfig({
      env: { BANDIT_ALPHA: '0', BANDIT_EPSILON_FLOOR: '0', BANDIT_DRIFT_DECAY: '100%', BANDIT_DRIFT_RATE: '0%' },
    });
    expect(config.bandit.alpha).toBe(0);
    expect(config.bandit.epsilonFloor).toBe(0);
    expect(config.bandit.driftDecay).toBe(1);
    expect(config.bandit.driftRate).toBe(0);
  });
  it('parses every other kind of setting', () => {
    const config = loadConfig({
      env: {
        REWARD_FEEDBACK_WEIGHT: '-0.5',
        REWARD_LATENCY_WEIGHT: '0.1',
        REWARD_COST_WEIGHT: '25',
        REWARD_ERROR_WEIGHT: '2',
        FEEDBACK_WINDOW_SECONDS: '120',
        LOG_LEVEL: 'DEBUG',
        LOG_MESSAGE_TEXT: 'yes',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_PATH: ':memory:',
        SIMULATION_SEED: '-7',
        SIMULATION_REALTIME: '0',
        OPENAI_BASE_URL: 'http://127.0.0.1:4010/v1',
        OPENAI_MODEL: 'gpt-4.1',
        OPENAI_TIMEOUT_MS: '1500',
        LOCAL_LLM_BASE_URL: 'http://localhost:11434/v1',
        DISCORD_APP_ID: '123456789012345678',
        DISCORD_API_URL: 'http://localhost:5001/api',
        SLACK_API_URL: 'https://slack.test/api/',
      },
    });
    expect(config.reward).toEqual({
      feedbackWeight: -0.5,
      latencyWeight: 0.1,
      costWeight: 25,
      errorWeight: 2,
      feedbackWindowSeconds: 120,
    });
    expect(config.log).toEqual({ level: 'debug', messageText: true });
    expect(config.http).toEqual({ port: 0, host: '127.0.0.1' });
    expect(config.store.databasePath).toBe(':memory:');
    expect(config.simulation).toEqual({ seed: -7, realtime: false });
    expect(config.providers.openai).toEqual({ baseUrl: 'http://127.0.0.1:4010/v1', model: 'gpt-4.1', timeoutMs: 1500 });
    expect(config.providers.local.baseUrl).toBe('http://localhost:11434/v1');
    expect(config.discord).toEqual({ appId: '123456789012345678', apiUrl: 'http://localhost:5001/api', allowDms: true, adminRoleIds: [] });
    expect(config.slack.apiUrl).toBe('https://slack.test/api/');
    expect(hasProviderKeys(config)).toBe(true);
  });

  it('treats empty and blank values as unset and trims the rest', () => {
    const config = loadConfig({
      env: {
        SWITCHBOARD_PROFILE: '',
        PORT: '',
        EXPLORATION_RATE: '   ',
        OPENAI_API_KEY: '',
        LOCAL_LLM_BASE_URL: '',
        HOST: ' localhost\n',
      },
    });
    expect(config.profile).toBe('production');
    expect(config.http).toEqual({ port: 9464, host: 'localhost' });
    expect(config.operating.explorationRate).toBe(0.05);
    expect(config.providers.openai.apiKey).toBeUndefined();
    expect(config.secrets).toEqual([]);
    expect(hasProviderKeys(config)).toBe(false);
  });

  it('ignores environment variables that are not settings', () => {
    const env: Env = { PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'test', UNRELATED: 'x y z' };
    expect(loadConfig({ env }).profile).toBe('production');
  });
});
