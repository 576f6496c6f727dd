/**
 * The token rule chunk sizes are measured in: an approximation of BPE tokenizers (cl100k and
 * kin, about 0.75 English words per token) that needs no vocabulary and runs at memory speed.
 *
 * - a run of word characters (letters, digits, _) of length L counts ceil(L / 6) tokens:
 *   common words are one token, long or rare words split into several;
 * - every other non-space character (punctuation, symbols, each CJK character, each emoji)
 *   counts one token;
 * - whitespace counts nothing.
 *
 * English prose comes out at about 1.3 tokens per word. It never counts more tokens than
 * characters, which is what lets an over-long word be cut into pieces of `max` characters.
 */

const SPACE = 0;
const WORD = 1;
const SINGLE = 2;
/** Second half of a surrogate pair: the first half already counted the character. */
const TRAIL = 3;

function kindOf(c: number): number {
  if (c <= 32) return SPACE;
  if (c < 0x80) {
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) return WORD;
    return SINGLE;
  }
  if (c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0x2028 || c === 0x2029) return SPACE;
  if (c >= 0xdc00 && c <= 0xdfff) return TRAIL;
  if (c >= 0xd800 && c <= 0xdbff) return SINGLE;
  // CJK, kana, Hangul: roughly a token per character.
  if ((c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)) return SINGLE;
  if (c < 0xc0 || (c >= 0x2000 && c <= 0x2bff)) return SINGLE;
  return WORD;
}

/** Tokens in text[start, end) by the rule above. */
export function countTokens(text: string, start = 0, end = text.length): number {
  let tokens = 0;
  let run = 0;
  for (let i = start; i < end; i++) {
    const kind = kindOf(text.charCodeAt(i));
    if (kind === WORD) {
      run++;
      continue;
    }
    if (run > 0) {
      tokens += Math.ceil(run / 6);
      run = 0;
    }
    if (kind === SINGLE) tokens++;
  }
  if (run > 0) tokens += Math.ceil(run / 6);
  return tokens;
}
