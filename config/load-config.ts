import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.js';
import { DEFAULT_PRICES } from './prices.js';
import { PROFILES, banditParameters, type Profile } from './profiles.js';
import { readSettingsFile } from './read-settings-file.js';
import { configSchema, settingsSchema, type Config, type SettingValues } from './schema.js';
import {
  SETTINGS,
  displayValue,
  isSettingName,
  type Setting,
  type SettingName,
  type SettingValue,
} from './settings.js';

export interface LoadConfigInput {
  /** The process environment, passed in so nothing else has to read process.env. */
  env: Record<string, string | undefined>;
  /** Reads CONFIG_FILE; defaults to reading UTF-8 from disk. */
  readFile?: (path: string) => string;
}

/** A setting's text and, when it came from the config file, that file's path. */
interface RawValue {
  text: string;
  file?: string;
}

function readFromDisk(path: string): string {
  return readFileSync(path, 'utf8');
}

// Values are trimmed because a stray space or newline (from a .env file or
// `echo`) is never meant; "" and whitespace count as unset so that
// `FOO= npm start` and an empty line in a secrets manager mean "not set".
function environmentValues(env: Record<string, string | undefined>): Map<SettingName, string> {
  const values = new Map<SettingName, string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !isSettingName(name)) continue;
    if (value.trim() !== '') values.set(name, value.trim());
  }
  return values;
}

function invalidValue(name: SettingName, raw: RawValue): string {
  const setting: Setting<unknown> = SETTINGS[name];
  const origin = raw.file === undefined ? '' : ` (from ${raw.file})`;
  const hint = setting.secret ? undefined : setting.type.hint?.(raw.text);
  const suggestion = hint === undefined ? '' : ` (${hint})`;
  return `${name}=${displayValue(name, raw.text)}${origin} is not valid: expected ${setting.type.allowed}${suggestion}.`;
}

/**
 * Reads every setting from the environment and the optional CONFIG_FILE
 * (the environment wins), validates all of them, and assembles the Config.
 * Throws a ConfigError listing every problem, not just the first.
 */
export function loadConfig(input: LoadConfigInput): Config {
  const problems: string[] = [];
  const raw = new Map<SettingName, RawValue>();
  const fromEnvironment = environmentValues(input.env);

  const configFile = fromEnvironment.get('CONFIG_FILE');
  if (configFile !== undefined) {
    const file = readSettingsFile(configFile, input.readFile ?? readFromDisk);
    problems.push(...file.problems);
    for (const [name, text] of file.values) raw.set(name, { text, file: configFile });
  }
  for (const [name, text] of fromEnvironment) raw.set(name, { text });

  const parsed = settingsSchema.safeParse(Object.fromEntries([...raw].map(([name, value]) => [name, value.text])));
  if (!parsed.success) {
    const reported = new Set<SettingName>();
    for (const issue of parsed.error.issues) {
      const name = issue.path[0];
      const value = typeof name === 'string' && isSettingName(name) ? raw.get(name) : undefined;
      if (name === undefined || value === undefined) {
        problems.push(issue.message);
      } else if (!reported.has(name as SettingName)) {
        reported.add(name as SettingName);
        problems.push(invalidValue(name as SettingName, value));
      }
    }
  }

  if (parsed.success) problems.push(...crossFieldProblems(parsed.data));
  if (problems.length > 0) throw new ConfigError(problems);
  return assemble(parsed.data ?? {});
}

/** Settings that are each valid but do not work together. */
function crossFieldProblems(values: SettingValues): string[] {
  const problems: string[] = [];
  if (values.PILOT_EMBEDDER === 'openai' && !values.OPENAI_API_KEY && !values.OPENAI_BASE_URL) {
    problems.push('PILOT_EMBEDDER is openai but OPENAI_API_KEY is not set: set it, set OPENAI_BASE_URL to a local OpenAI-compatible server, or use PILOT_EMBEDDER=hashing.');
  }
  if (values.PILOT_EMBEDDER === 'gemini' && !values.GEMINI_API_KEY) {
    problems.push('PILOT_EMBEDDER is gemini but GEMINI_API_KEY is not set: set it, or use PILOT_EMBEDDER=hashing.');
  }
  return problems;
}

function assemble(values: SettingValues): Config {
  const profileName = values.SWITCHBOARD_PROFILE ?? SETTINGS.SWITCHBOARD_PROFILE.default ?? 'production';
  const profile: Profile = PROFILES[profileName];

  const optional = <K extends SettingName>(name: K): SettingValue<K> | undefined => {
    const given = values[name] as SettingValue<K> | undefined;
    if (given !== undefined) return given;
    const setting = SETTINGS[name] as Setting<SettingValue<K>>;
    return setting.default ?? setting.profileDefault?.(profile);
  };
  const required = <K extends SettingName>(name: K): SettingValue<K> => {
    const value = optional(name);
    // Unreachable unless a row in the settings table lost its default.
    if (value === undefined) throw new Error(`Setting ${name} has no value and no default`);
    return value;
  };

  const operating = {
    confidenceThreshold: required('CONFIDENCE_THRESHOLD'),
    riskTolerance: required('RISK_TOLERANCE'),
    learningRate: required('LEARNING_RATE'),
    explorationRate: required('EXPLORATION_RATE'),
  };
  const derived = banditParameters(operating);
  const provider = (prefix: 'OPENAI' | 'ANTHROPIC' | 'GEMINI' | 'LOCAL_LLM') => ({
    apiKey: optional(`${prefix}_API_KEY`),
    baseUrl: optional(`${prefix}_BASE_URL`),
    model: required(`${prefix}_MODEL`),
    timeoutMs: required(`${prefix}_TIMEOUT_MS`),
  });

  const secrets = new Set<string>();
  for (const [name, setting] of Object.entries(SETTINGS) as [SettingName, Setting<unknown>][]) {
    const value = values[name];
    if (setting.secret && typeof value === 'string') secrets.add(value);
  }

  const config: Config = {
    profile: profileName,
    operating,
    bandit: {
      alpha: optional('BANDIT_ALPHA') ?? derived.alpha,
      ridgeLambda: optional('BANDIT_RIDGE_LAMBDA') ?? derived.ridgeLambda,
      epsilon: optional('BANDIT_EPSILON') ?? derived.epsilon,
      epsilonFloor: optional('BANDIT_EPSILON_FLOOR') ?? derived.epsilonFloor,
      driftDecay: optional('BANDIT_DRIFT_DECAY') ?? derived.driftDecay,
      driftRate: optional('BANDIT_DRIFT_RATE') ?? derived.driftRate,
    },
    reward: {
      feedbackWeight: required('REWARD_FEEDBACK_WEIGHT'),
      latencyWeight: required('REWARD_LATENCY_WEIGHT'),
      costWeight: required('REWARD_COST_WEIGHT'),
      errorWeight: required('REWARD_ERROR_WEIGHT'),
      feedbackWindowSeconds: required('FEEDBACK_WINDOW_SECONDS'),
    },
    optimizer: {
      rollbackTolerance: operating.riskTolerance,
      deployConfidence: operating.confidenceThreshold,
      enabled: required('OPTIMIZER_ENABLED'),
      intervalMs: required('OPTIMIZER_INTERVAL_HOURS') * 3_600_000,
      afterRewards: required('OPTIMIZER_AFTER_REWARDS'),
      minRewards: required('OPTIMIZER_MIN_REWARDS'),
      maxLogs: required('OPTIMIZER_MAX_LOGS'),
      trials: required('OPTIMIZER_TRIALS'),
      canaryShare: required('OPTIMIZER_CANARY_SHARE'),
      canaryMinRequests: required('OPTIMIZER_CANARY_MIN_REQUESTS'),
      canaryMaxAgeMs: required('OPTIMIZER_CANARY_MAX_DAYS') * 86_400_000,
    },
    router: {
      maxRetries: required('ROUTER_MAX_RETRIES'),
      retryBaseMs: required('ROUTER_RETRY_BASE_MS'),
      retryMaxMs: required('ROUTER_RETRY_MAX_MS'),
      circuitFailureThreshold: required('CIRCUIT_FAILURE_THRESHOLD'),
      circuitCooldownMs: required('CIRCUIT_COOLDOWN_SECONDS') * 1000,
      circuitMaxCooldownMs: required('CIRCUIT_MAX_COOLDOWN_SECONDS') * 1000,
    },
    budget: { dailyUsd: required('TENANT_DAILY_BUDGET_USD'), action: required('BUDGET_EXHAUSTED_ACTION') },
    prices: { ...DEFAULT_PRICES, ...optional('PRICES') },
    log: { level: required('LOG_LEVEL'), messageText: required('LOG_MESSAGE_TEXT') },
    http: { port: required('PORT'), host: required('HOST'), apiToken: optional('API_TOKEN') },
    store: { databasePath: required('DATABASE_PATH') },
    simulation: { seed: required('SIMULATION_SEED'), realtime: required('SIMULATION_REALTIME') },
    providers: {
      openai: provider('OPENAI'),
      anthropic: provider('ANTHROPIC'),
      gemini: provider('GEMINI'),
      local: provider('LOCAL_LLM'),
    },
    discord: {
      token: optional('DISCORD_TOKEN'),
      appId: optional('DISCORD_APP_ID'),
      apiUrl: optional('DISCORD_API_URL'),
      guildId: optional('DISCORD_GUILD_ID'),
      allowDms: required('DISCORD_ALLOW_DMS'),
      adminRoleIds: required('DISCORD_ADMIN_ROLE_IDS'),
    },
    slack: {
      botToken: optional('SLACK_BOT_TOKEN'),
      signingSecret: optional('SLACK_SIGNING_SECRET'),
      appToken: optional('SLACK_APP_TOKEN'),
      apiUrl: optional('SLACK_API_URL'),
      adminUserIds: required('SLACK_ADMIN_USER_IDS'),
    },
    access: {
      allowUsers: required('ALLOWED_USERS'), blockUsers: required('BLOCKED_USERS'),
      allowRoles: required('ALLOWED_ROLES'), blockRoles: required('BLOCKED_ROLES'),
      allowChannels: required('ALLOWED_CHANNELS'), blockChannels: required('BLOCKED_CHANNELS'),
    },
    conversation: {
      historyMaxMessages: required('HISTORY_MAX_MESSAGES'),
      historyMaxChars: required('HISTORY_MAX_CHARS'),
      streamEditIntervalMs: required('STREAM_EDIT_INTERVAL_MS'),
    },
    pilot: {
      embedder: required('PILOT_EMBEDDER'),
      embeddingModel: optional('PILOT_EMBEDDING_MODEL'),
      embeddingDimensions: required('PILOT_EMBEDDING_DIMENSIONS'),
      workspace: required('PILOT_WORKSPACE'),
      chunkTokens: required('PILOT_CHUNK_TOKENS'),
      chunkOverlap: required('PILOT_CHUNK_OVERLAP'),
      maxTopics: required('PILOT_MAX_TOPICS'),
      workers: required('PILOT_WORKERS'),
      historyLimit: required('PILOT_HISTORY_LIMIT'),
    },
    retrieval: {
      channels: required('RETRIEVAL_CHANNELS'),
      topK: required('RETRIEVAL_TOP_K'),
      minScore: required('RETRIEVAL_MIN_SCORE'),
    },
    // Longest first, so a logger replacing them in order never leaves the tail
    // of a secret that contains a shorter one.
    secrets: [...secrets].sort((a, b) => b.length - a.length),
  };
  // The table and the Config shape are written separately; this keeps them honest.
  return configSchema.parse(config);
}
