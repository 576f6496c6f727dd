import type { LanguageModel, Usage } from './providers/language-model.js';

/** USD per million tokens. */
export interface Price {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** One choice the routing bandit can make: a (provider, model) pair and what it costs. */
export interface Arm {
  name: string;
  model: LanguageModel;
  price: Price;
}

/** Cost of one answer; unknown token counts cost nothing rather than guessing. */
export function costUsd(price: Price, usage: Usage): number {
  return ((usage.inputTokens ?? 0) * price.inputPerMillion + (usage.outputTokens ?? 0) * price.outputPerMillion) / 1e6;
}
