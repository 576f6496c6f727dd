import OpenAI from 'openai';

const OPENAI_BASE_URL = 'https://api.openai.com/v1';
// The SDK refuses to start without a key, even for servers that never check one.
const PLACEHOLDER_KEY = 'not-needed';

/**
 * The OpenAI SDK client as Switchboard uses it, for chat and embeddings alike: no hidden retries
 * (the router, or the pilot's run, decides about retrying and sees every failure), nothing taken
 * from OPENAI_* environment variables, and no console output of its own (failures surface as
 * ProviderErrors, which are logged once).
 */
export function createOpenAiClient(options: { apiKey?: string; baseUrl?: string; timeoutMs?: number }): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey || PLACEHOLDER_KEY,
    baseURL: options.baseUrl ?? OPENAI_BASE_URL,
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
    maxRetries: 0,
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    logLevel: 'off',
  });
}
