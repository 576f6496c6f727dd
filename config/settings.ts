import { LOG_LEVELS } from './log-levels.js';
import { DRIFT_DECAY, DRIFT_RATE, PROFILE_NAMES, PROFILES, banditParameters, type Profile } from './profiles.js';
import { priceTable } from './prices.js';
import { OPTIMIZER_SETTINGS } from './optimizer-settings.js';
import { PILOT_SETTINGS } from './pilot-settings.js';
import { setting, type Setting } from './setting.js';
import { decimalNumber, flag, idList, fraction, httpUrl, oneOf, text, wholeNumber, word } from './value-types.js';

export type { Setting } from './setting.js';

function fromProfile<T>(pick: (profile: Profile) => T): Pick<Setting<T>, 'profileDefault' | 'defaultText'> {
  const values = PROFILE_NAMES.map((name) => `${name} ${String(pick(PROFILES[name]))}`);
  const distinct = new Set(PROFILE_NAMES.map((name) => String(pick(PROFILES[name]))));
  return {
    profileDefault: pick,
    defaultText: distinct.size === 1 ? `${[...distinct].join('')} (every profile)` : `from profile: ${values.join(', ')}`,
  };
}

function derived(rule: string, pick: (bandit: ReturnType<typeof banditParameters>) => number): string {
  const values = PROFILE_NAMES.map((name) => `${name} ${+pick(banditParameters(PROFILES[name].operating)).toFixed(4)}`);
  return `${rule}: ${values.join(', ')}`;
}

const timeoutMs = wholeNumber({ min: 0, minExclusive: true });
const model = word('a model name');
const secret = word('a single token without spaces');

export const SETTINGS = {
  SWITCHBOARD_PROFILE: setting({
    type: oneOf(PROFILE_NAMES),
    default: 'production',
    description: 'Picks the defaults for the operating values, the feedback window and the log level.',
  }),
  CONFIG_FILE: setting({
    type: text('a path to a JSON file'),
    description:
      'A JSON object whose keys are these setting names, e.g. {"LOG_LEVEL": "debug"}. Environment variables override it. Read from the environment only.',
  }),

  CONFIDENCE_THRESHOLD: setting({
    type: fraction({ aboveZero: true, belowOne: true, example: 0.85 }),
    ...fromProfile((p) => p.operating.confidenceThreshold),
    description:
      'How sure a comparison must be before a change ships: the optimizer deploys a candidate only when its lower confidence bound at this level beats the current policy.',
  }),
  RISK_TOLERANCE: setting({
    type: fraction({ example: 0.15 }),
    ...fromProfile((p) => p.operating.riskTolerance),
    description: "How far a canary's reward may fall below control before the optimizer rolls it back.",
  }),
  LEARNING_RATE: setting({
    type: fraction({ aboveZero: true, example: 0.2 }),
    ...fromProfile((p) => p.operating.learningRate),
    description: 'How quickly estimates follow new data. Sets the ridge prior strength: lambda = 1 / rate.',
  }),
  EXPLORATION_RATE: setting({
    type: fraction({ example: 0.15 }),
    ...fromProfile((p) => p.operating.explorationRate),
    description:
      'Share of traffic spread uniformly over the providers at first (epsilon). It decays as 1/sqrt(updates) to a fifth of this, which stays: every logged propensity is at least that floor / K.',
  }),

  BANDIT_ALPHA: setting({
    type: decimalNumber({ min: 0 }),
    defaultText: '0 (greedy ridge)',
    description: 'LinUCB confidence-width multiplier added to each arm\'s predicted reward; 0 leaves exploration to epsilon and keeps scoring O(K·d).',
  }),
  BANDIT_RIDGE_LAMBDA: setting({
    type: decimalNumber({ min: 0, minExclusive: true }),
    defaultText: derived('1 / LEARNING_RATE', (b) => b.ridgeLambda),
    description: 'Overrides the derived ridge prior strength.',
  }),
  BANDIT_EPSILON: setting({
    type: fraction({ example: 0.05 }),
    defaultText: 'EXPLORATION_RATE',
    description: 'Overrides the initial uniform exploration share.',
  }),
  BANDIT_EPSILON_FLOOR: setting({
    type: fraction({ example: 0.01 }),
    defaultText: derived('EXPLORATION_RATE / 5', (b) => b.epsilonFloor),
    description: 'Overrides the exploration share the schedule decays to and keeps (the propensity floor times K).',
  }),
  BANDIT_DRIFT_DECAY: setting({
    type: fraction({ example: 0.999 }),
    defaultText: String(DRIFT_DECAY),
    description: 'Per-request fade of the recency correction that lets the router notice a provider getting worse (1 = never fades).',
  }),
  BANDIT_DRIFT_RATE: setting({
    type: fraction({ example: 0.05 }),
    defaultText: String(DRIFT_RATE),
    description: 'How fast the recency correction follows a provider\'s recent surprises (0 = off).',
  }),

  REWARD_FEEDBACK_WEIGHT: setting({
    type: decimalNumber(),
    default: 1,
    description: 'Reward per unit of user feedback (+1 helpful, -1 not helpful).',
  }),
  REWARD_LATENCY_WEIGHT: setting({
    type: decimalNumber({ min: 0 }),
    default: 0.05,
    description: 'Reward lost per second of latency.',
  }),
  REWARD_COST_WEIGHT: setting({
    type: decimalNumber({ min: 0 }),
    default: 10,
    description: 'Reward lost per USD an answer costs.',
  }),
  REWARD_ERROR_WEIGHT: setting({
    type: decimalNumber({ min: 0 }),
    default: 1,
    description: 'Reward lost when the answer failed.',
  }),
  FEEDBACK_WINDOW_SECONDS: setting({
    type: wholeNumber({ min: 0, minExclusive: true }),
    ...fromProfile((p) => p.feedbackWindowSeconds),
    description: 'How long feedback is collected before a reward becomes final and the policy learns from it.',
  }),

  ROUTER_MAX_RETRIES: setting({
    type: wholeNumber({ min: 0, max: 10 }),
    default: 2,
    description: 'Retries of the same provider after a retryable error (429, 5xx, timeout, reset) before the next provider answers.',
  }),
  ROUTER_RETRY_BASE_MS: setting({
    type: wholeNumber({ min: 0 }),
    default: 250,
    description: 'First retry backoff in milliseconds; doubles each retry, with jitter, and never undercuts retry-after.',
  }),
  ROUTER_RETRY_MAX_MS: setting({
    type: wholeNumber({ min: 0 }),
    default: 8000,
    description: 'Longest wait before a retry; a provider asking to wait longer is skipped for the next one instead.',
  }),
  CIRCUIT_FAILURE_THRESHOLD: setting({
    type: wholeNumber({ min: 1 }),
    default: 3,
    description: 'Consecutive failures after which a provider is cooled down (gets no traffic).',
  }),
  CIRCUIT_COOLDOWN_SECONDS: setting({
    type: decimalNumber({ min: 0, minExclusive: true }),
    default: 30,
    description: 'First cooldown; then one probe request decides, and each failed probe doubles the cooldown.',
  }),
  CIRCUIT_MAX_COOLDOWN_SECONDS: setting({
    type: decimalNumber({ min: 0, minExclusive: true }),
    default: 600,
    description: 'Longest cooldown after repeated failed probes.',
  }),
  TENANT_DAILY_BUDGET_USD: setting({
    type: decimalNumber({ min: 0 }),
    default: 0,
    description: 'Spend per community (guild or workspace) per UTC day; 0 = no budget.',
  }),
  BUDGET_EXHAUSTED_ACTION: setting({
    type: oneOf(['cheapest', 'refuse'] as const),
    default: 'cheapest',
    description: 'Once a community has spent its budget: route everything to the cheapest provider, or answer politely that the budget is spent.',
  }),
  PRICES: setting({
    type: priceTable,
    defaultText: 'built-in list prices of common OpenAI, Anthropic and Gemini models',
    description: 'Extra or corrected prices, merged over the built-in table; the cost of every answer comes from it.',
  }),

  LOG_LEVEL: setting({
    type: oneOf(LOG_LEVELS),
    ...fromProfile((p) => p.logLevel),
    description: 'Lowest level written to the JSON log.',
  }),
  LOG_MESSAGE_TEXT: setting({
    type: flag,
    default: false,
    description: 'Whether chat message text may appear in logs. Off by default for privacy.',
  }),

  PORT: setting({
    type: wholeNumber({ min: 0, max: 65535 }),
    default: 9464,
    description: 'Port of the HTTP server (/metrics, /healthz, /readyz, /api/v1). 0 picks any free port.',
  }),
  HOST: setting({
    type: word('a host name or IP address'),
    default: '0.0.0.0',
    description: 'Address the HTTP server listens on.',
  }),
  DATABASE_PATH: setting({
    type: text('a file path, or :memory: for a throwaway database'),
    default: './data/switchboard.db',
    description: 'SQLite database holding decisions, rewards, policies, experiments and optimizer runs.',
  }),
  SIMULATION_SEED: setting({
    type: wholeNumber(),
    default: 42,
    description: 'Seed of the simulated providers, so demos and benchmarks repeat exactly.',
  }),
  SIMULATION_REALTIME: setting({
    type: flag,
    default: true,
    description: 'Whether simulated providers really wait their simulated latency.',
  }),

  OPENAI_API_KEY: setting({ type: secret, secret: true, description: 'OpenAI API key; enables the OpenAI provider.' }),
  OPENAI_BASE_URL: setting({ type: httpUrl, description: 'OpenAI API base URL (default: the SDK default).' }),
  OPENAI_MODEL: setting({ type: model, default: 'gpt-4o-mini', description: 'OpenAI model.' }),
  OPENAI_TIMEOUT_MS: setting({ type: timeoutMs, default: 60_000, description: 'OpenAI request timeout.' }),

  ANTHROPIC_API_KEY: setting({
    type: secret,
    secret: true,
    description: 'Anthropic API key; enables the Anthropic provider.',
  }),
  ANTHROPIC_BASE_URL: setting({ type: httpUrl, description: 'Anthropic API base URL (default: the SDK default).' }),
  ANTHROPIC_MODEL: setting({ type: model, default: 'claude-3-5-haiku-latest', description: 'Anthropic model.' }),
  ANTHROPIC_TIMEOUT_MS: setting({ type: timeoutMs, default: 60_000, description: 'Anthropic request timeout.' }),

  GEMINI_API_KEY: setting({ type: secret, secret: true, description: 'Gemini API key; enables the Gemini provider.' }),
  GEMINI_BASE_URL: setting({ type: httpUrl, description: 'Gemini API base URL (default: the SDK default).' }),
  GEMINI_MODEL: setting({ type: model, default: 'gemini-2.0-flash', description: 'Gemini model.' }),
  GEMINI_TIMEOUT_MS: setting({ type: timeoutMs, default: 60_000, description: 'Gemini request timeout.' }),

  LOCAL_LLM_BASE_URL: setting({
    type: httpUrl,
    description:
      'Base URL of an OpenAI-compatible local server (Ollama, vLLM, llama.cpp), e.g. http://localhost:11434/v1; enables the local provider.',
  }),
  LOCAL_LLM_MODEL: setting({ type: model, default: 'llama3.1', description: 'Local model.' }),
  LOCAL_LLM_API_KEY: setting({
    type: secret,
    secret: true,
    description: 'API key for the local server, if it wants one.',
  }),
  LOCAL_LLM_TIMEOUT_MS: setting({ type: timeoutMs, default: 60_000, description: 'Local model request timeout.' }),

  DISCORD_TOKEN: setting({ type: secret, secret: true, description: 'Discord bot token; enables the Discord adapter.' }),
  DISCORD_APP_ID: setting({ type: word(), description: 'Discord application id, for registering slash commands.' }),
  DISCORD_API_URL: setting({ type: httpUrl, description: "Discord API base URL (default: Discord's)." }),
  SLACK_BOT_TOKEN: setting({ type: secret, secret: true, description: 'Slack bot token (xoxb-…); enables the Slack adapter.' }),
  SLACK_SIGNING_SECRET: setting({
    type: secret,
    secret: true,
    description: 'Slack signing secret, to verify requests from Slack.',
  }),
  SLACK_APP_TOKEN: setting({ type: secret, secret: true, description: 'Slack app-level token (xapp-…), for Socket Mode.' }),
  SLACK_API_URL: setting({ type: httpUrl, description: "Slack API base URL (default: Slack's)." }),
  API_TOKEN: setting({
    type: secret,
    secret: true,
    description: 'Bearer token of the JSON API under /api/v1 (router stats, experiments); the API is off without it.',
  }),
  DISCORD_GUILD_ID: setting({
    type: word(),
    description: 'Register slash commands in this guild only (they apply at once); unset registers them globally.',
  }),
  DISCORD_ALLOW_DMS: setting({ type: flag, default: true, description: 'Whether the Discord bot answers direct messages.' }),
  DISCORD_ADMIN_ROLE_IDS: setting({
    type: idList,
    default: [],
    description: 'Discord roles whose members may use admin commands, besides members with Manage Server.',
  }),
  SLACK_ADMIN_USER_IDS: setting({ type: idList, default: [], description: 'Slack users (U…) who may use admin commands.' }),
  ALLOWED_USERS: setting({ type: idList, default: [], description: 'If set, only these users get answers.' }),
  BLOCKED_USERS: setting({ type: idList, default: [], description: 'These users never get answers.' }),
  ALLOWED_ROLES: setting({ type: idList, default: [], description: 'If set, only members with one of these Discord roles get answers.' }),
  BLOCKED_ROLES: setting({ type: idList, default: [], description: 'Members with any of these Discord roles never get answers.' }),
  ALLOWED_CHANNELS: setting({ type: idList, default: [], description: 'If set, the bot answers only in these channels (and their threads).' }),
  BLOCKED_CHANNELS: setting({ type: idList, default: [], description: 'The bot never answers in these channels.' }),
  HISTORY_MAX_MESSAGES: setting({
    type: wholeNumber({ min: 0 }),
    default: 20,
    description: 'Earlier messages of a reply chain or thread sent with a question as its context.',
  }),
  HISTORY_MAX_CHARS: setting({
    type: wholeNumber({ min: 0 }),
    default: 8000,
    description: 'Most characters of context sent with a question; older messages are left out, with a visible note.',
  }),
  STREAM_EDIT_INTERVAL_MS: setting({
    type: wholeNumber({ min: 200 }),
    default: 1000,
    description: 'Shortest time between two edits of a streaming answer (platforms rate-limit edits).',
  }),
  ...PILOT_SETTINGS,
  ...OPTIMIZER_SETTINGS,
};

export type SettingName = keyof typeof SETTINGS;

export type SettingValue<K extends SettingName> = (typeof SETTINGS)[K] extends Setting<infer T> ? T : never;

export function isSettingName(name: string): name is SettingName {
  return Object.hasOwn(SETTINGS, name);
}

/** A setting's value in messages: secrets never appear, not even in part. */
export function displayValue(name: SettingName, raw: string): string {
  return (SETTINGS[name] as Setting<unknown>).secret ? '<redacted>' : JSON.stringify(raw);
}
