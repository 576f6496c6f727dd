/**
 * Splits texts into the requests a provider embedder sends: providers cap both the number of
 * inputs per request and the total size of a request, and answer in input order.
 */

export interface BatchLimits {
  /** Most texts one request may carry. */
  maxItems: number;
  /** Most estimated tokens one request may carry; a single larger text still goes, alone. */
  maxTokens: number;
}

/**
 * Three characters a token overestimates English (about four) on purpose: a batch that is a
 * little small costs one more request, one that is too large is rejected outright.
 */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 3));
}

/** Consecutive [start, end) ranges over `texts`, each within `limits`. */
export function planBatches(texts: readonly string[], limits: BatchLimits): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let tokens = 0;
  for (let i = 0; i < texts.length; i++) {
    const cost = estimateTokens(texts[i]!);
    const full = i - start >= limits.maxItems || (i > start && tokens + cost > limits.maxTokens);
    if (full) {
      ranges.push([start, i]);
      start = i;
      tokens = 0;
    }
    tokens += cost;
  }
  if (start < texts.length) ranges.push([start, texts.length]);
  return ranges;
}

/**
 * Embeds batch after batch, in order. One at a time rather than in parallel: pilot ingest is
 * a background job, and parallel requests would only run into the provider's rate limits sooner.
 */
export async function embedInBatches(
  texts: readonly string[],
  limits: BatchLimits,
  embedBatch: (batch: string[]) => Promise<Float32Array[]>,
  checkAborted: () => void,
): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (const [start, end] of planBatches(texts, limits)) {
    checkAborted();
    vectors.push(...await embedBatch(texts.slice(start, end)));
  }
  return vectors;
}
