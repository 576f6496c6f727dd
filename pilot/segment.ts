/**
 * Cuts a source text into chunks of at most `maxTokens` tokens for embedding and retrieval.
 * Tokens follow token-count.ts: a word of L letters/digits counts ceil(L / 6), every other
 * non-space character counts one (about 0.75 English words per token, like BPE tokenizers).
 *
 * - A text that fits is one chunk, untouched but trimmed: that is almost every chat message, so
 *   it costs one counting pass and no splitting.
 * - Longer texts split into paragraphs (blank lines), paragraphs into sentences (., !, ? or a
 *   line break), and sentences are packed greedily into chunks.
 * - Each chunk after the first starts with the trailing whole sentences of the previous chunk,
 *   up to `overlapTokens`, so a fact that straddles a boundary is whole in one of the two.
 * - A fenced code block (``` … ```) is never split: it joins a chunk when it fits, otherwise it
 *   starts its own, and stays whole even over the limit, because half a code block answers
 *   nothing. No overlap is carried across a code block.
 * - A single sentence over the limit is cut at word boundaries (a word over the limit, at
 *   character boundaries).
 */
import { countTokens } from './token-count.js';
import type { Chunk } from './types.js';

export interface SegmentOptions {
  maxTokens: number;
  overlapTokens: number;
}

export const DEFAULT_SEGMENT_OPTIONS: Readonly<SegmentOptions> = { maxTokens: 256, overlapTokens: 32 };

interface Unit {
  text: string;
  tokens: number;
  code: boolean;
  /** Whitespace that separated this unit from the previous one in the source. */
  sep: string;
}

export function segment(text: string, options: SegmentOptions = DEFAULT_SEGMENT_OPTIONS): Chunk[] {
  const { maxTokens, overlapTokens } = options;
  if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new RangeError(`maxTokens must be a positive integer, got ${maxTokens}`);
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0 || overlapTokens >= maxTokens) {
    throw new RangeError(`overlapTokens must be an integer in [0, maxTokens), got ${overlapTokens}`);
  }
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const tokens = countTokens(trimmed);
  if (tokens <= maxTokens) return [{ index: 0, text: trimmed, tokens }];
  return pack(units(trimmed.replace(/\r\n?/g, '\n'), maxTokens), maxTokens, overlapTokens);
}

const FENCE = /^\s*```/;

/** Paragraph sentences and code blocks in order, each at most maxTokens except code blocks. */
function units(text: string, maxTokens: number): Unit[] {
  const out: Unit[] = [];
  const lines = text.split('\n');
  let paragraph: string[] = [];
  let sep = '';
  const endParagraph = () => {
    if (paragraph.length > 0) {
      sentences(paragraph.join('\n'), sep, maxTokens, out);
      sep = '\n\n';
    }
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      endParagraph();
      let end = i + 1;
      while (end < lines.length && !FENCE.test(lines[end]!)) end++;
      const block = lines.slice(i, Math.min(end + 1, lines.length)).join('\n');
      out.push({ text: block, tokens: countTokens(block), code: true, sep });
      sep = '\n\n';
      i = end;
    } else if (line.trim() === '') {
      endParagraph();
    } else {
      paragraph.push(line);
    }
  }
  endParagraph();
  return out;
}

const SENTENCE_END = /(?<=[.!?…])[ \t]+|[ \t]*\n[ \t]*/g;

function sentences(paragraph: string, firstSep: string, maxTokens: number, out: Unit[]): void {
  let sep = firstSep;
  let start = 0;
  const emit = (end: number) => {
    const piece = paragraph.slice(start, end).trim();
    if (piece !== '') {
      const tokens = countTokens(piece);
      if (tokens <= maxTokens) out.push({ text: piece, tokens, code: false, sep });
      else splitLong(piece, sep, maxTokens, out);
    }
  };
  for (const match of paragraph.matchAll(SENTENCE_END)) {
    emit(match.index);
    sep = match[0].includes('\n') ? '\n' : ' ';
    start = match.index + match[0].length;
  }
  emit(paragraph.length);
}

/** Cuts an over-long sentence at word boundaries into pieces of at most maxTokens. */
function splitLong(sentence: string, sep: string, maxTokens: number, out: Unit[]): void {
  let words: string[] = [];
  let tokens = 0;
  const flush = () => {
    if (words.length === 0) return;
    out.push({ text: words.join(' '), tokens, code: false, sep });
    sep = ' ';
    words = [];
    tokens = 0;
  };
  for (const word of sentence.split(/\s+/)) {
    const wordTokens = countTokens(word);
    if (wordTokens > maxTokens) {
      flush();
      for (const piece of cutWord(word, maxTokens)) {
        words = [piece];
        tokens = countTokens(piece);
        flush();
      }
      continue;
    }
    if (tokens + wordTokens > maxTokens) flush();
    words.push(word);
    tokens += wordTokens;
  }
  flush();
}

/** Pieces of at most maxTokens characters (so at most maxTokens tokens), never halving a surrogate pair. */
function cutWord(word: string, maxTokens: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < word.length) {
    let end = Math.min(word.length, start + maxTokens);
    const last = word.charCodeAt(end - 1);
    if (end < word.length && last >= 0xd800 && last <= 0xdbff && end - 1 > start) end--;
    pieces.push(word.slice(start, end));
    start = end;
  }
  return pieces;
}

function pack(all: readonly Unit[], maxTokens: number, overlapTokens: number): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Unit[] = [];
  let currentTokens = 0;
  const flush = () => {
    let text = '';
    current.forEach((u, i) => (text += i === 0 ? u.text : u.sep + u.text));
    chunks.push({ index: chunks.length, text, tokens: currentTokens });
  };
  for (const unit of all) {
    if (current.length > 0 && currentTokens + unit.tokens > maxTokens) {
      flush();
      const overlap: Unit[] = [];
      let overlapUsed = 0;
      for (let i = current.length - 1; i >= 0; i--) {
        const prev = current[i]!;
        if (prev.code || overlapUsed + prev.tokens > overlapTokens || overlapUsed + prev.tokens + unit.tokens > maxTokens) break;
        overlap.unshift(prev);
        overlapUsed += prev.tokens;
      }
      current = overlap;
      currentTokens = overlapUsed;
    }
    current.push(unit);
    currentTokens += unit.tokens;
  }
  if (current.length > 0) flush();
  return chunks;
}
