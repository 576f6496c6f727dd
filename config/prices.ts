import { z } from 'zod';
import type { ValueType } from './value-types.js';

/** USD per million input and output tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/**
 * List prices (USD per million tokens) of common models, as published by their providers in 2025–26.
 * PRICES overrides or extends this table; a model that is in neither costs nothing and start-up says so.
 */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'claude-3-5-haiku-latest': { input: 0.8, output: 4 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-opus-4-1': { input: 15, output: 75 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
};

const price = z.object({ input: z.number().min(0), output: z.number().min(0) }).strict();

/** PRICES: a JSON object of model name → {"input": USD per M tokens, "output": USD per M tokens}. */
export const priceTable: ValueType<Record<string, ModelPrice>> = {
  allowed: 'a JSON object of model → {"input": USD per million tokens, "output": USD per million tokens}',
  schema: z.string().transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  }).pipe(z.record(z.string().min(1), price)),
  hint: () => 'e.g. PRICES=\'{"my-model":{"input":0.5,"output":1.5}}\'',
};
