/**
 * The pilot pipeline's shared shapes (DESIGN.md, "Pilot pipeline"): what ingest produces, what
 * segment cuts it into, what embed attaches, and what retrieval returns. Vectors are unit-length
 * Float32Arrays so cosine similarity is a dot product.
 */

/** One piece of community text as ingested: a chat message, an uploaded file, or a text from a request body. */
export interface SourceText {
  /** Stable id from the source (platform message id, file name + hash, body index + hash): re-ingest dedupes on it. */
  sourceId: string;
  /** 'discord' | 'slack' | 'upload' | 'body'. */
  origin: string;
  channel: string;
  author: string;
  createdAt: number;
  text: string;
  /** Link to the source message when the platform has one (cited in answers). */
  url?: string;
}

/** A segment of a source text, sized in tokens (see segment.ts for the token rule). */
export interface Chunk {
  /** Index of the chunk within its source text. */
  index: number;
  text: string;
  tokens: number;
}

/** Turns texts into unit vectors. `id` (e.g. 'hashing-384', 'openai:text-embedding-3-small') is stored with the vectors. */
export interface Embedder {
  readonly id: string;
  readonly dimensions: number;
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

/** Reads a channel's recent history through a running platform adapter, oldest first, following pagination. */
export interface HistorySource {
  readonly platform: 'discord' | 'slack';
  /** Messages of `channel` created at or after `since` (epoch ms), at most `limit`, oldest first. */
  history(channel: string, options: { since: number; limit: number; signal?: AbortSignal }): Promise<SourceText[]>;
}

/** One retrieval hit: the chunk, where it came from, and its cosine similarity to the query. */
export interface RetrievalHit {
  chunkId: number;
  score: number;
  text: string;
  sourceId: string;
  channel: string;
  url?: string;
}
