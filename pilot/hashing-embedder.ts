/**
 * A local, deterministic embedder that needs no network or model: the feature-hashing trick
 * (Weinberger et al., 2009). Each lowercase word (words.ts rule, ≥ 2 characters, stopwords
 * dropped) and optionally each pair of adjacent kept words is hashed with FNV-1a over its UTF-8
 * bytes (the same hash as experiments/stable-hash.ts), mixed with fmix32 to pick a dimension,
 * and with a second mix to pick a sign so that collisions cancel in expectation instead of
 * piling up. Term weight is sublinear, 1 + ln(tf), so a repeated word does not drown the rest;
 * the vector is L2-normalised so cosine similarity is a dot product. A text with no kept word
 * embeds to the zero vector (similarity 0 to everything).
 *
 * The hash and the word rule must not change once vectors are stored: `id` names the
 * configuration, and vectors with a different id are not comparable.
 */
import { fmix32 } from '../experiments/stable-hash.js';
import type { Embedder } from './types.js';
import { fnvStepUtf8, isWordCode, STOPWORDS } from './words.js';

export interface HashingEmbedderOptions {
  /** Default 256. */
  dimensions?: number;
  /** Also hash adjacent word pairs. Default false. */
  bigrams?: boolean;
  /** Drop words of this list (words.ts STOPWORDS by default); an empty set keeps every word. */
  stopwords?: ReadonlySet<string>;
}

const FNV_OFFSET = 0x811c9dc5;
const SIGN_SALT = 0x5bd1e995;
const BIGRAM_SALT = 0x9e3779b1;
const MIN_WORD_LENGTH = 2;

/** FNV-1a over the UTF-8 bytes of a string without word splitting: the stopword hashes. */
function fnvUtf8(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = fnvStepUtf8(h, word.charCodeAt(i));
  return h >>> 0;
}

function insertionSort(a: Uint32Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

export class HashingEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  private readonly bigrams: boolean;
  private readonly stopHashes: ReadonlySet<number>;
  /** Term hashes of the text being embedded; grown on demand, reused across texts. */
  private terms = new Uint32Array(256);
  /** Positions written while embedding one text, each once: stamps[dim] === epoch marks them. */
  private readonly touched: Int32Array;
  private readonly stamps: Uint32Array;
  private epoch = 0;

  constructor(options: HashingEmbedderOptions = {}) {
    const dimensions = options.dimensions ?? 256;
    if (!Number.isInteger(dimensions) || dimensions < 2) throw new RangeError(`dimensions must be an integer ≥ 2, got ${dimensions}`);
    this.dimensions = dimensions;
    this.touched = new Int32Array(dimensions);
    this.stamps = new Uint32Array(dimensions);
    this.bigrams = options.bigrams ?? false;
    const stopwords = options.stopwords ?? STOPWORDS;
    // Words are filtered by hash: a 32-bit collision with one of ~150 stopwords is negligible.
    this.stopHashes = new Set([...stopwords].map(fnvUtf8));
    const custom = options.stopwords !== undefined && options.stopwords !== STOPWORDS;
    this.id = `hashing-${dimensions}${this.bigrams ? '-bigrams' : ''}${custom ? `-stop${fnvUtf8([...stopwords].sort().join(' ')).toString(16)}` : ''}`;
  }

  /** The unit vector of one text. */
  embedSync(text: string): Float32Array {
    const out = new Float32Array(this.dimensions);
    this.embedInto(text, out, 0);
    return out;
  }

  /** All texts into one contiguous row-major n × dimensions matrix: one allocation, cache-friendly for clustering and indexing. */
  embedBatchSync(texts: readonly string[]): Float32Array {
    const out = new Float32Array(texts.length * this.dimensions);
    for (let i = 0; i < texts.length; i++) this.embedInto(texts[i]!, out, i * this.dimensions);
    return out;
  }

  /** Writes the unit vector of `text` into out[offset, offset + dimensions). */
  embedInto(text: string, out: Float32Array, offset: number): void {
    const d = this.dimensions;
    out.fill(0, offset, offset + d);
    const count = this.collectTerms(text.toLowerCase());
    if (count === 0) return;
    const terms = this.terms;
    // Sorting puts repeats of a term side by side, so tf is a run length: no map per text.
    // Chat messages have a few dozen terms, where insertion sort beats a native sort call.
    if (count > 64) terms.subarray(0, count).sort();
    else insertionSort(terms, count);
    const touched = this.touched;
    const stamps = this.stamps;
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      // After 2³² texts: clear, so that no stale stamp equals the new epoch.
      stamps.fill(0);
      this.epoch = 1;
    }
    const epoch = this.epoch;
    let touchedCount = 0;
    for (let i = 0; i < count; ) {
      const term = terms[i]!;
      let j = i + 1;
      while (j < count && terms[j] === term) j++;
      const weight = j - i === 1 ? 1 : 1 + Math.log(j - i);
      const dim = fmix32(term) % d;
      const at = offset + dim;
      if (stamps[dim] !== epoch) {
        stamps[dim] = epoch;
        touched[touchedCount++] = at;
      }
      out[at] = out[at]! + (fmix32(term ^ SIGN_SALT) & 1 ? weight : -weight);
      i = j;
    }
    // Only the touched dimensions can be nonzero: the norm costs the terms, not the dimensions.
    let norm = 0;
    for (let t = 0; t < touchedCount; t++) norm += out[touched[t]!]! * out[touched[t]!]!;
    if (norm === 0) return;
    const scale = 1 / Math.sqrt(norm);
    for (let t = 0; t < touchedCount; t++) out[touched[t]!] = out[touched[t]!]! * scale;
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    signal?.throwIfAborted();
    // Separate arrays, not views of one buffer: callers may keep or transfer any one of them.
    return texts.map((t) => this.embedSync(t));
  }

  /** Hashes of the kept words (and bigrams) of a lowercase text into this.terms; returns how many. */
  private collectTerms(lower: string): number {
    let count = 0;
    let previous = -1;
    let h = FNV_OFFSET;
    let length = 0;
    const n = lower.length;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? lower.charCodeAt(i) : 32;
      if (isWordCode(c)) {
        h = fnvStepUtf8(h, c);
        length++;
        continue;
      }
      if (length >= MIN_WORD_LENGTH) {
        const term = h >>> 0;
        if (!this.stopHashes.has(term)) {
          if (count + 2 > this.terms.length) this.grow();
          this.terms[count++] = term;
          if (this.bigrams && previous >= 0) this.terms[count++] = fmix32(Math.imul(previous, BIGRAM_SALT) ^ term);
          previous = term;
        }
      }
      h = FNV_OFFSET;
      length = 0;
    }
    return count;
  }

  private grow(): void {
    const bigger = new Uint32Array(this.terms.length * 2);
    bigger.set(this.terms);
    this.terms = bigger;
  }
}
