import type { ChatTurn } from './chat-turn.js';
import { REQUEST_KINDS, classifyRequest, type RequestKind } from './request-kind.js';

/**
 * Request → context vector for the routing bandit. Deterministic: the same turn always gives
 * the same vector, so logged decisions can be replayed and evaluated off-line.
 *
 * | index | feature | range |
 * |---|---|---|
 * | 0 | bias (always 1) | 1 |
 * | 1–5 | kind one-hot: code, maths, chit-chat, long-form, other (see request-kind.ts) | 0/1 |
 * | 6 | length: ln(1 + characters) / ln(1 + 4000), capped at 1 | 0–1 |
 * | 7 | asks a question (contains "?") | 0/1 |
 * | 8 | contains a code block or inline code (backticks) | 0/1 |
 * | 9 | share of characters that are digits or arithmetic operators, ×4, capped at 1 | 0–1 |
 * | 10 | conversation depth: earlier messages in the history / 10, capped at 1 | 0–1 |
 * | 11 | length in thousands of characters, capped at 8 (cost grows linearly with length) | 0–8 |
 * | 12 … 12+2^b−1 | hashed words: each lower-cased run of letters (digit runs become "0"), FNV-1a hashed into 2^b buckets with a hash-derived sign, counts divided by √(number of words) | about −1–1 |
 *
 * b = TEXT_HASH_BITS. Hashing keeps the width fixed whatever the vocabulary, so the router learns which
 * words predict which provider answers well without a dictionary; the sign halves collision bias.
 */
export const TEXT_HASH_BITS = 8;
const HASH_BUCKETS = 1 << TEXT_HASH_BITS;
export const FEATURE_NAMES = [
  'bias', ...REQUEST_KINDS.map((k) => `kind:${k}`), 'length', 'question', 'code-markup', 'numeric', 'depth', 'length-k',
  ...Array.from({ length: HASH_BUCKETS }, (_, i) => `word#${i}`),
] as const;
export const FEATURE_DIMENSIONS = FEATURE_NAMES.length;
const HASH_OFFSET = 12;

const LOG_LENGTH_SCALE = Math.log1p(4000);

export interface Features {
  kind: RequestKind;
  vector: Float64Array;
}

export function featurize(turn: Pick<ChatTurn, 'text' | 'history'>): Features {
  const text = turn.text;
  const kind = classifyRequest(text);
  const v = new Float64Array(FEATURE_DIMENSIONS);
  v[0] = 1;
  v[1 + REQUEST_KINDS.indexOf(kind)] = 1;
  v[6] = Math.min(1, Math.log1p(text.length) / LOG_LENGTH_SCALE);
  v[7] = text.includes('?') ? 1 : 0;
  v[8] = text.includes('`') ? 1 : 0;
  let numeric = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // 0-9, + - * / ^ = %
    if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 42 || c === 47 || c === 94 || c === 61 || c === 37) numeric++;
  }
  v[9] = text.length === 0 ? 0 : Math.min(1, (4 * numeric) / text.length);
  v[10] = Math.min(1, turn.history.length / 10);
  v[11] = Math.min(8, text.length / 1000);
  hashWords(text, v, HASH_OFFSET, HASH_BUCKETS - 1);
  return { kind, vector: v };
}

const WORD = /[a-z]+|[0-9]+/g;

/** Adds signed, length-normalized hashed word counts into v[offset … offset + mask]. */
function hashWords(text: string, v: Float64Array, offset: number, mask: number): void {
  const words = text.toLowerCase().match(WORD);
  if (!words) return;
  const weight = 1 / Math.sqrt(words.length);
  for (const word of words) {
    const h = fnv1a(word.charCodeAt(0) <= 57 ? '0' : word);
    v[offset + (h & mask)]! += h & 0x80000000 ? -weight : weight;
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
