import type { Chunk, SourceText } from '../pilot/types.js';

/** Rows of the pilot pipeline: ingested texts, their chunks and vectors, and runs. */

export type PilotStepName = 'ingest' | 'segment' | 'embed' | 'analysis';
export type PilotStepStatus = 'pending' | 'running' | 'completed' | 'failed' | 'skipped';

export interface PilotStepReport {
  name: PilotStepName;
  status: PilotStepStatus;
  duration_seconds: number;
  /** Counters of the step (texts added, chunks written, vectors computed…). */
  counts: Record<string, number>;
  /** Why it failed or was skipped, in plain words. */
  reason?: string;
}

export interface PilotTopic {
  id: number;
  size: number;
  keywords: string[];
  /** A few lines through the router's `analysis` domain; null when no provider could summarize. */
  summary: string | null;
  /** The arm that wrote the summary, and its decision (so the bandit's reward can be traced). */
  summaryArm: string | null;
  /** Source links or ids of the passages nearest the topic's centre. */
  examples: string[];
}

export interface PilotAnalysis {
  k: number;
  /** How k was chosen, stated for the reader ("silhouette over 2,000 sampled chunks, k in 2..12"). */
  criterion: string;
  chunks: number;
  topics: PilotTopic[];
}

export interface PilotRunRecord {
  id: string;
  tenant: string;
  workspace: string;
  status: 'running' | 'completed' | 'failed';
  /** Which runner ran the CPU-heavy steps: 'worker-pool' or 'sequential'. */
  orchestrator: string;
  /** Degradations such as 'fallback_sequential' (the worker pool could not start). */
  degraded: string[];
  /** What was asked: sources, options (enable_segment, enable_embed…), without any text. */
  request: Record<string, unknown>;
  steps: PilotStepReport[];
  analysis: PilotAnalysis | null;
  error: string | null;
  createdAt: number;
  finishedAt: number | null;
  durationSeconds: number | null;
}

/** A chunk as retrieval and analysis need it: text, vector and where it came from. */
export interface StoredChunk {
  id: number;
  namespace: string;
  text: string;
  sourceId: string;
  channel: string;
  url: string | null;
  embedder: string | null;
  vector: Float32Array | null;
}

export interface PilotStore {
  /** Inserts texts not seen before in this workspace; returns the row id of every text (new or old) and how many were new. */
  addSources(tenant: string, workspace: string, texts: readonly SourceText[], now: number): { rows: number[]; added: number };
  /** Those of `rows` that have no chunks yet (new, or never segmented nor embedded). */
  unchunkedSources(rows: readonly number[]): number[];
  /** Source rows' texts, for segmenting. */
  sourceTexts(rows: readonly number[]): Array<{ row: number; channel: string; text: string }>;
  /** Replaces the chunks of each source in one transaction; returns the chunk ids per source, in order. */
  replaceChunks(entries: ReadonlyArray<{ row: number; namespace: string; chunks: readonly Chunk[] }>): number[][];
  /** Chunks of these sources without a vector from `embedder` (their `vector` is not read: null). */
  unembeddedChunks(rows: readonly number[], embedder: string): StoredChunk[];
  /** Chunks of these sources, with vectors when present. */
  chunksOf(rows: readonly number[]): StoredChunk[];
  /** Stores vectors computed by `embedder` (one transaction). */
  saveVectors(embedder: string, vectors: ReadonlyArray<{ id: number; vector: Float32Array }>): void;
  /** Every embedded chunk under a namespace prefix, for loading the retrieval index. */
  embeddedChunks(namespacePrefix: string, embedder: string): StoredChunk[];
  chunk(id: number): StoredChunk | undefined;

  createRun(run: PilotRunRecord): void;
  updateRun(run: PilotRunRecord): void;
  run(id: string): PilotRunRecord | undefined;
  recentRuns(tenant: string, limit: number): PilotRunRecord[];
  /** Runs a crashed process left 'running' become 'failed'; returns how many. */
  failInterruptedRuns(now: number): number;
}
