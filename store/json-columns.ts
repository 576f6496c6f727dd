/**
 * Encoding of number-valued JSON columns. Plain JSON turns NaN and ±Infinity into null, which
 * would come back as a lie typed `number`, and -0 into 0; a score of -Infinity (a masked arm) or
 * a NaN feature (a featurizer bug worth finding later) must survive as itself. Such values are
 * written as the strings "NaN", "Infinity", "-Infinity" and "-0" and revived on read. The common
 * case, i.e. nearly every row, takes the plain JSON.stringify / JSON.parse path: it is the hot path.
 */

const SPECIAL: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
};

function isSpecial(value: number): boolean {
  return !Number.isFinite(value) || Object.is(value, -0);
}

function replaceSpecial(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || !isSpecial(value)) return value;
  return Object.is(value, -0) ? '-0' : String(value);
}

function reviveSpecial(_key: string, value: unknown): unknown {
  return typeof value === 'string' && Object.hasOwn(SPECIAL, value) ? SPECIAL[value] : value;
}

export function encodeNumbers(values: readonly number[]): string {
  for (const value of values) {
    if (isSpecial(value)) return JSON.stringify(values, replaceSpecial);
  }
  return JSON.stringify(values);
}

export function decodeNumbers(text: string): number[] {
  // Only the special values are written as strings, so a quote-free text needs no reviver.
  return (text.includes('"') ? JSON.parse(text, reviveSpecial) : JSON.parse(text)) as number[];
}

export function encodeNumberRecord(values: Readonly<Record<string, number>>): string {
  return JSON.stringify(values, replaceSpecial);
}

export function decodeNumberRecord(text: string): Record<string, number> {
  return JSON.parse(text, reviveSpecial) as Record<string, number>;
}

export function encodeStrings(values: readonly string[]): string {
  return JSON.stringify(values);
}

export function decodeStrings(text: string): string[] {
  return JSON.parse(text) as string[];
}
