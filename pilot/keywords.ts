/**
 * Keywords per cluster by class-based TF-IDF (BERTopic's c-TF-IDF, Grootendorst 2022): all texts
 * of a cluster are one document; the weight of term t in class c is
 *
 *   W(t, c) = tf(t, c) · log(1 + A / f(t))
 *
 * with tf(t, c) the count of t in c divided by the number of words of c (L1-normalised, as
 * BERTopic does), f(t) the count of t over all classes and A the average number of words per
 * class. Words follow words.ts (the same units the hashing embedder hashes); stopwords and words
 * shorter than `minLength` are skipped.
 */
import { fnv1a32 } from '../experiments/stable-hash.js';
import { fnvStepUtf8, isWordCode, STOPWORDS } from './words.js';

export interface KeywordOptions {
  /** Keywords per cluster. Default 10. */
  topN?: number;
  /** Shortest word kept, in UTF-16 units. Default 3. */
  minLength?: number;
  stopwords?: ReadonlySet<string>;
}

export interface Keyword {
  term: string;
  score: number;
}

/** Top keywords of each of the k clusters (texts with a label outside [0, k) are ignored). */
export function clusterKeywords(texts: readonly string[], labels: ArrayLike<number>, k: number, options: KeywordOptions = {}): Keyword[][] {
  if (labels.length !== texts.length) throw new RangeError(`${labels.length} labels for ${texts.length} texts`);
  const topN = options.topN ?? 10;
  const minLength = options.minLength ?? 3;
  const stopwords = options.stopwords ?? STOPWORDS;

  // Words are looked up by their FNV-1a hash, checked against the stored word in place, so the
  // millions of word occurrences of a large run allocate no strings; only new words are sliced.
  const byHash = new Map<number, number>();
  const collided = new Map<string, number>();
  const terms: string[] = [];
  // counts[t * k + c]: flat and grown by doubling, since the vocabulary size is not known up front.
  let counts = new Int32Array(1024 * k);
  const classWords = new Float64Array(k);
  const termOf = (lower: string, start: number, end: number, hash: number): number => {
    let id = byHash.get(hash);
    if (id !== undefined && terms[id]!.length === end - start && lower.startsWith(terms[id]!, start)) return id;
    const word = lower.slice(start, end);
    if (id !== undefined) {
      id = collided.get(word);
      if (id !== undefined) return id;
    }
    const fresh = terms.length;
    terms.push(word);
    if (byHash.has(hash)) collided.set(word, fresh);
    else byHash.set(hash, fresh);
    if ((fresh + 1) * k > counts.length) {
      const bigger = new Int32Array(counts.length * 2);
      bigger.set(counts);
      counts = bigger;
    }
    return fresh;
  };
  const stopByHash = new Map<number, string>();
  for (const w of stopwords) stopByHash.set(fnv1a32(w), w);
  const isStopword = (lower: string, start: number, end: number, hash: number): boolean => {
    const w = stopByHash.get(hash);
    if (w === undefined) return false;
    return (w.length === end - start && lower.startsWith(w, start)) || stopwords.has(lower.slice(start, end));
  };
  for (let i = 0; i < texts.length; i++) {
    const c = labels[i]!;
    if (!(c >= 0 && c < k)) continue;
    const lower = texts[i]!.toLowerCase();
    let start = -1;
    let hash = 0;
    for (let p = 0; p <= lower.length; p++) {
      const code = p < lower.length ? lower.charCodeAt(p) : 32;
      if (isWordCode(code)) {
        if (start < 0) {
          start = p;
          hash = 0x811c9dc5;
        }
        hash = fnvStepUtf8(hash, code);
        continue;
      }
      if (start >= 0 && p - start >= minLength && !isStopword(lower, start, p, hash >>> 0)) {
        counts[termOf(lower, start, p, hash >>> 0) * k + c]!++;
        classWords[c]!++;
      }
      start = -1;
    }
  }

  const totalWords = classWords.reduce((s, v) => s + v, 0);
  const average = totalWords / k;
  const idf = new Float64Array(terms.length);
  for (let t = 0; t < terms.length; t++) {
    let frequency = 0;
    for (let c = 0; c < k; c++) frequency += counts[t * k + c]!;
    idf[t] = Math.log(1 + average / frequency);
  }
  const out: Keyword[][] = [];
  for (let c = 0; c < k; c++) {
    const top: Keyword[] = [];
    if (classWords[c]! > 0) {
      for (let t = 0; t < terms.length; t++) {
        const count = counts[t * k + c]!;
        if (count === 0) continue;
        const score = (count / classWords[c]!) * idf[t]!;
        if (top.length === topN && score <= top[topN - 1]!.score) continue;
        insertSorted(top, { term: terms[t]!, score }, topN);
      }
    }
    out.push(top);
  }
  return out;
}

/** Insert into a list sorted by descending score (ties: first seen first), keeping at most `limit`. */
function insertSorted(list: Keyword[], item: Keyword, limit: number): void {
  let at = list.length;
  while (at > 0 && list[at - 1]!.score < item.score) at--;
  list.splice(at, 0, item);
  if (list.length > limit) list.pop();
}
