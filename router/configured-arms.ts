import type { Config } from '../config/index.js';
import type { Arm, Price } from './arm.js';
import { createAnthropicModel } from './providers/anthropic.js';
import { createGeminiModel } from './providers/gemini.js';
import type { LanguageModel } from './providers/language-model.js';
import { createOpenAiModel } from './providers/openai.js';

export interface ConfiguredArms {
  arms: Arm[];
  /** Things an operator should know at start-up (e.g. a model with no price). */
  warnings: string[];
}

/**
 * One arm per configured (provider, model) pair: OpenAI when OPENAI_API_KEY is set, Anthropic with
 * ANTHROPIC_API_KEY, Gemini with GEMINI_API_KEY, and an OpenAI-compatible local server (Ollama,
 * vLLM, llama.cpp) with LOCAL_LLM_BASE_URL. Prices come from config.prices; a local model is free.
 */
export function configuredArms(config: Config): ConfiguredArms {
  const { openai, anthropic, gemini, local } = config.providers;
  const arms: Arm[] = [];
  const warnings: string[] = [];
  const add = (provider: string, model: LanguageModel, timeoutMs: number, free = false) => {
    const listed = config.prices[model.model];
    const price: Price = free && !listed
      ? { inputPerMillion: 0, outputPerMillion: 0 }
      : { inputPerMillion: listed?.input ?? 0, outputPerMillion: listed?.output ?? 0 };
    if (!listed && !free) {
      warnings.push(`No price for ${provider} model "${model.model}": its answers will be counted as free. Add it to PRICES, e.g. PRICES='{"${model.model}":{"input":1,"output":4}}'.`);
    }
    arms.push({ name: `${provider}:${model.model}`, model, price, timeoutMs });
  };
  if (openai.apiKey) {
    add('openai', createOpenAiModel({ provider: 'openai', apiKey: openai.apiKey, ...(openai.baseUrl ? { baseUrl: openai.baseUrl } : {}), model: openai.model, timeoutMs: openai.timeoutMs }), openai.timeoutMs);
  }
  if (anthropic.apiKey) {
    add('anthropic', createAnthropicModel({ apiKey: anthropic.apiKey, ...(anthropic.baseUrl ? { baseUrl: anthropic.baseUrl } : {}), model: anthropic.model, timeoutMs: anthropic.timeoutMs }), anthropic.timeoutMs);
  }
  if (gemini.apiKey) {
    add('gemini', createGeminiModel({ apiKey: gemini.apiKey, ...(gemini.baseUrl ? { baseUrl: gemini.baseUrl } : {}), model: gemini.model, timeoutMs: gemini.timeoutMs }), gemini.timeoutMs);
  }
  if (local.baseUrl) {
    add('local', createOpenAiModel({ provider: 'local', baseUrl: local.baseUrl, ...(local.apiKey ? { apiKey: local.apiKey } : {}), model: local.model, timeoutMs: local.timeoutMs }), local.timeoutMs, true);
  }
  return { arms, warnings };
}
