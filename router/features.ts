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
 *
 * Every feature is bounded, so no online standardization is needed for the ridge learners.
 */
export const FEATURE_NAMES = [
  'bias', ...REQUEST_KINDS.map((k) => `kind:${k}`), 'length', 'question', 'code-markup', 'numeric', 'depth',
] as const;
export const FEATURE_DIMENSIONS = FEATURE_NAMES.length;

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
  return { kind, vector: v };
}
