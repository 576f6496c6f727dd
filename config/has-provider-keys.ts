import type { Config } from './schema.js';

/** Whether any real provider is configured; with none, the bot falls back to the simulated providers and says so. */
export function hasProviderKeys(config: Pick<Config, 'providers'>): boolean {
  const { openai, anthropic, gemini, local } = config.providers;
  return Boolean(openai.apiKey || anthropic.apiKey || gemini.apiKey || local.baseUrl);
}
