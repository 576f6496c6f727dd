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
  /** Longest a single attempt may take before it counts as a timeout; none for simulated arms. */
  timeoutMs?: number;
}

/** Of the arms at `among`, the one with the lowest price per token (input and output weighted equally); ties keep list order. */
export function cheapestArm(arms: readonly Arm[], among: readonly number[]): number {
  const price = (i: number) => arms[i]!.price.inputPerMillion + arms[i]!.price.outputPerMillion;
  return among.reduce((best, i) => (price(i) < price(best) ? i : best), among[0] ?? 0);
}

/** Cost of one answer; unknown token counts cost nothing rather than guessing. */
export function costUsd(price: Price, usage: Usage): number {
  return ((usage.inputTokens ?? 0) * price.inputPerMillion + (usage.outputTokens ?? 0) * price.outputPerMillion) / 1e6;
}
