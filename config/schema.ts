import { z } from 'zod';
import { LOG_LEVELS } from './log-levels.js';
import { PROFILE_NAMES } from './profiles.js';
import { SETTINGS, type SettingName, type SettingValue } from './settings.js';

type SettingsShape = { [K in SettingName]: z.ZodOptional<z.ZodType<SettingValue<K>, string>> };

/**
 * Every setting as it arrives: text keyed by its environment name. Each field
 * comes from the settings table, so adding a row there is all a new setting needs.
 */
export const settingsSchema = z.object(
  Object.fromEntries(Object.entries(SETTINGS).map(([name, setting]) => [name, setting.type.schema.optional()])) as SettingsShape,
);

export type SettingValues = z.output<typeof settingsSchema>;

const share = z.number().min(0).max(1);

const provider = z.object({
  apiKey: z.string().optional(),
  baseUrl: z.string().optional(),
  model: z.string().min(1),
  timeoutMs: z.number().int().positive(),
});

/** The assembled configuration the rest of the program receives. */
export const configSchema = z.object({
  profile: z.enum(PROFILE_NAMES),
  operating: z.object({
    confidenceThreshold: z.number().gt(0).lt(1),
    riskTolerance: share,
    learningRate: z.number().gt(0).max(1),
    explorationRate: share,
  }),
  bandit: z.object({
    alpha: z.number().min(0),
    ridgeLambda: z.number().positive(),
    epsilon: share,
    epsilonFloor: share,
    driftDecay: share,
    driftRate: share,
  }),
  reward: z.object({
    feedbackWeight: z.number(),
    latencyWeight: z.number().min(0),
    costWeight: z.number().min(0),
    errorWeight: z.number().min(0),
    feedbackWindowSeconds: z.number().int().positive(),
  }),
  optimizer: z.object({
    rollbackTolerance: share,
    deployConfidence: z.number().gt(0).lt(1),
    enabled: z.boolean(),
    intervalMs: z.number().int().positive(),
    afterRewards: z.number().int().positive(),
    minRewards: z.number().int().positive(),
    maxLogs: z.number().int().positive(),
    trials: z.number().int().positive(),
    canaryShare: z.number().gt(0).lt(1),
    canaryMinRequests: z.number().int().positive(),
    canaryMaxAgeMs: z.number().int().positive(),
  }),
  router: z.object({
    maxRetries: z.number().int().min(0),
    retryBaseMs: z.number().min(0),
    retryMaxMs: z.number().min(0),
    circuitFailureThreshold: z.number().int().min(1),
    circuitCooldownMs: z.number().positive(),
    circuitMaxCooldownMs: z.number().positive(),
  }),
  budget: z.object({ dailyUsd: z.number().min(0), action: z.enum(['cheapest', 'refuse']) }),
  prices: z.record(z.string(), z.object({ input: z.number().min(0), output: z.number().min(0) })),
  log: z.object({ level: z.enum(LOG_LEVELS), messageText: z.boolean() }),
  http: z.object({ port: z.number().int().min(0).max(65535), host: z.string().min(1), apiToken: z.string().optional() }),
  store: z.object({ databasePath: z.string().min(1) }),
  simulation: z.object({ seed: z.number().int(), realtime: z.boolean() }),
  providers: z.object({ openai: provider, anthropic: provider, gemini: provider, local: provider }),
  discord: z.object({
    token: z.string().optional(),
    appId: z.string().optional(),
    apiUrl: z.string().optional(),
    guildId: z.string().optional(),
    allowDms: z.boolean(),
    adminRoleIds: z.array(z.string()),
  }),
  slack: z.object({
    botToken: z.string().optional(),
    signingSecret: z.string().optional(),
    appToken: z.string().optional(),
    apiUrl: z.string().optional(),
    adminUserIds: z.array(z.string()),
  }),
  access: z.object({
    allowUsers: z.array(z.string()), blockUsers: z.array(z.string()),
    allowRoles: z.array(z.string()), blockRoles: z.array(z.string()),
    allowChannels: z.array(z.string()), blockChannels: z.array(z.string()),
  }),
  pilot: z.object({
    embedder: z.enum(['hashing', 'openai', 'gemini']),
    embeddingModel: z.string().optional(),
    embeddingDimensions: z.number().int().min(0),
    workspace: z.string().regex(/^[^\s:]+$/),
    chunkTokens: z.number().int().min(16),
    chunkOverlap: z.number().int().min(0),
    maxTopics: z.number().int().min(2),
    workers: z.number().int().min(0),
    historyLimit: z.number().int().min(1),
  }),
  retrieval: z.object({ channels: z.array(z.string()), topK: z.number().int().min(1), minScore: z.number().min(0).max(1) }),
  conversation: z.object({ historyMaxMessages: z.number().int().min(0), historyMaxChars: z.number().int().min(0), streamEditIntervalMs: z.number().int().min(200) }),
  /** Every configured secret value (API keys, tokens, signing secret), so the logger can redact them wherever they appear. */
  secrets: z.array(z.string()),
});

export type Config = z.infer<typeof configSchema>;
