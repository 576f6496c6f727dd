import { z } from 'zod';
import { closestMatch } from './closest-match.js';

/**
 * A kind of value a setting can hold, parsed from the text of an environment
 * variable (or a config-file entry turned into text). `allowed` is the one
 * wording of the rule: error messages say "expected <allowed>" and the README
 * table shows it, so the two cannot disagree.
 */
export interface ValueType<T> {
  readonly allowed: string;
  readonly schema: z.ZodType<T, string>;
  /** A suggestion for a rejected value, such as the closest allowed word. */
  readonly hint?: (raw: string) => string | undefined;
}

// Number() alone would turn "" into 0 and "0x10" into 16; only plain decimals
// are numbers here.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const WHOLE = /^[+-]?\d+$/;
const FRACTION = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(%?)$/i;

export interface Bounds {
  min?: number;
  minExclusive?: boolean;
  max?: number;
  maxExclusive?: boolean;
}

function bounded(schema: z.ZodNumber, { min, minExclusive, max, maxExclusive }: Bounds): z.ZodNumber {
  let s = schema;
  if (min !== undefined) s = minExclusive ? s.gt(min) : s.gte(min);
  if (max !== undefined) s = maxExclusive ? s.lt(max) : s.lte(max);
  return s;
}

function rangeText({ min, minExclusive, max, maxExclusive }: Bounds): string {
  if (min !== undefined && max !== undefined) {
    if (!minExclusive && !maxExclusive) return ` from ${min} to ${max}`;
    if (minExclusive && maxExclusive) return ` strictly between ${min} and ${max}`;
    return minExclusive ? ` above ${min} and at most ${max}` : ` from ${min} to below ${max}`;
  }
  if (min !== undefined) return minExclusive ? ` above ${min}` : ` of ${min} or more`;
  if (max !== undefined) return maxExclusive ? ` below ${max}` : ` of ${max} or less`;
  return '';
}

export function decimalNumber(bounds: Bounds = {}): ValueType<number> {
  return {
    allowed: `a number${rangeText(bounds)}`,
    schema: z.string().regex(DECIMAL).transform(Number).pipe(bounded(z.number(), bounds)),
  };
}

export function wholeNumber(bounds: Bounds = {}): ValueType<number> {
  return {
    allowed: `a whole number${rangeText(bounds)}`,
    schema: z.string().regex(WHOLE).transform(Number).pipe(bounded(z.number().int(), bounds)),
  };
}

/**
 * A share written either as a decimal (0.15) or a percentage (15%). A bare
 * number above 1 is refused rather than guessed at: "15" could be a typo of
 * 0.15 or mean 15%, and a wrong guess would silently change behaviour.
 */
export function fraction(options: { aboveZero?: boolean; belowOne?: boolean; example: number }): ValueType<number> {
  const bounds: Bounds = { min: 0, minExclusive: options.aboveZero, max: 1, maxExclusive: options.belowOne };
  const range =
    options.aboveZero && options.belowOne
      ? 'strictly between 0 and 1'
      : options.aboveZero
        ? 'above 0 and at most 1'
        : options.belowOne
          ? 'from 0 to below 1'
          : 'between 0 and 1';
  const percent = Math.round(options.example * 10_000) / 100;
  const inRange = bounded(z.number(), bounds);
  return {
    allowed: `a fraction ${range}, written as ${options.example} or ${percent}%`,
    schema: z
      .string()
      .regex(FRACTION)
      .transform((s) => (s.endsWith('%') ? Number(s.slice(0, -1).trim()) / 100 : Number(s)))
      .pipe(inRange),
    hint: (raw) => {
      if (!DECIMAL.test(raw) || !(Number(raw) > 1)) return undefined;
      const asShare = Number(raw) / 100;
      return inRange.safeParse(asShare).success ? `did you mean "${raw}%" or "${asShare}"?` : undefined;
    },
  };
}

/** One of a fixed set of words, matched case-insensitively. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T): ValueType<T[number]> {
  return {
    allowed: `one of ${values.join(', ')}`,
    schema: z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(values)),
    hint: (raw) => {
      const match = closestMatch(raw, values);
      return match === undefined ? undefined : `did you mean "${match}"?`;
    },
  };
}

const TRUE_WORDS = ['true', '1', 'yes'] as const;
const FLAG_WORDS = [...TRUE_WORDS, 'false', '0', 'no'] as const;

export const flag: ValueType<boolean> = {
  allowed: 'one of true, false, yes, no, 1, 0',
  schema: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(FLAG_WORDS))
    .transform((word) => (TRUE_WORDS as readonly string[]).includes(word)),
  hint: (raw) => {
    const match = closestMatch(raw, FLAG_WORDS);
    return match === undefined ? undefined : `did you mean "${match}"?`;
  },
};

export const httpUrl: ValueType<string> = {
  allowed: 'an http:// or https:// URL',
  schema: z.url({ protocol: /^https?$/ }),
  hint: (raw) => (raw.includes('://') ? undefined : `did you mean "http://${raw}"?`),
};

/** Free text; only emptiness is excluded, and empty already means unset. */
export function text(allowed = 'any text'): ValueType<string> {
  return { allowed, schema: z.string() };
}

/** A single word: names, ids and secrets never contain whitespace, so any is a paste error. */
export function word(allowed = 'text without spaces'): ValueType<string> {
  return { allowed, schema: z.string().regex(/^\S+$/) };
}

/** A comma-separated list of ids (Discord snowflakes, Slack user ids); spaces around commas are ignored. */
export const idList: ValueType<string[]> = {
  allowed: 'a comma-separated list of ids without spaces inside them',
  schema: z.string().transform((raw) => raw.split(',').map((id) => id.trim()).filter(Boolean)).pipe(z.array(z.string().regex(/^\S+$/))),
};
