/**
 * What counts as a word for the hashing embedder and the keyword extractor, so that a keyword
 * and the feature it hashes to are the same unit. A word is a maximal run of ASCII letters and
 * digits or non-ASCII letters; the non-ASCII test is a range check rather than \p{L} because it
 * runs once per character of every message. Punctuation, symbol and emoji ranges split words.
 * Known limit: scripts written without spaces (Chinese, Japanese) become one long word per run.
 */

/** True for a UTF-16 code unit that belongs to a word. */
export function isWordCode(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  // General punctuation, symbols, arrows, maths, box drawing, dingbats; CJK punctuation;
  // surrogates (emoji live there); variation selectors and half/full-width punctuation.
  if (c >= 0x2000 && c <= 0x2bff) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  if (c >= 0xfe00 && c <= 0xfe4f) return false;
  if (c >= 0xff00 && c <= 0xff0f) return false;
  return c !== 0xfeff;
}

const FNV_PRIME = 0x01000193;

/**
 * One UTF-16 code unit into a running FNV-1a hash as its UTF-8 bytes, so a word hashes as
 * experiments/stable-hash.ts's fnv1a32 would (word characters are never surrogates).
 */
export function fnvStepUtf8(h: number, c: number): number {
  if (c < 0x80) return Math.imul(h ^ c, FNV_PRIME);
  if (c < 0x800) {
    h = Math.imul(h ^ (0xc0 | (c >>> 6)), FNV_PRIME);
    return Math.imul(h ^ (0x80 | (c & 63)), FNV_PRIME);
  }
  h = Math.imul(h ^ (0xe0 | (c >>> 12)), FNV_PRIME);
  h = Math.imul(h ^ (0x80 | ((c >>> 6) & 63)), FNV_PRIME);
  return Math.imul(h ^ (0x80 | (c & 63)), FNV_PRIME);
}

/** Lowercase words of `text` at least `minLength` UTF-16 units long. */
export function words(text: string, minLength = 1): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const inWord = i < lower.length && isWordCode(lower.charCodeAt(i));
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start >= minLength) out.push(lower.slice(start, i));
      start = -1;
    }
  }
  return out;
}

/**
 * A small English stopword list: function words that carry no topic. Kept short on purpose: a
 * long list starts removing words that do carry meaning in chat ("help", "work", "new").
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing don down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just let me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these ' +
    'they this those through to too under until up very was we were what when where which while who whom why will with would ' +
    'you your yours yourself yourselves ll re ve isn aren wasn weren doesn didn won wouldn shouldn couldn can cannot im ive'
  ).split(' '),
);
