import { dot } from '../bandits/linalg.js';
import { Sfc32 } from '../bandits/rng.js';
import type { ChatTurn } from '../router/chat-turn.js';
import type { PilotAnalysis, PilotRunRecord, PilotTopic, StoredChunk } from '../store/pilot-records.js';
import { chooseK } from './choose-k.js';
import { clusterKeywords } from './keywords.js';
import { kmeans } from './kmeans.js';

export interface AnalysisOptions {
  maxTopics: number;
  /** Writes one topic's summary through the router's analysis domain; null when no provider could. */
  summarize: (turn: ChatTurn) => Promise<{ text: string; arm: string } | null>;
  /** Summaries written at once (each is a provider call). */
  concurrency?: number;
  seed?: number;
}

const KEYWORDS = 8;
const EXAMPLES = 3;
const SUMMARY_PASSAGES = 6;
const PASSAGE_CHARS = 400;

export const SUMMARY_INSTRUCTIONS =
  'Summarize in at most two sentences what this community discusses in the messages below. ' +
  'Name the concrete subject; do not mention "messages" or "users".';

/**
 * Topics of a run's chunks: k chosen by the mean cosine silhouette over a sample (choose-k.ts
 * states the rule, and the run records it), spherical k-means++ over all chunks, c-TF-IDF keywords per topic, and a short
 * summary of each topic's most central passages through the router, so the `analysis` bandit
 * learns which provider summarizes best.
 */
export async function analyzeChunks(run: PilotRunRecord, chunks: readonly StoredChunk[], options: AnalysisOptions): Promise<PilotAnalysis> {
  const dims = chunks[0]!.vector!.length;
  const data = new Float32Array(chunks.length * dims);
  chunks.forEach((c, i) => data.set(c.vector!, i * dims));
  const rng = Sfc32.fromSeed(options.seed ?? 1);
  const kMax = Math.min(options.maxTopics, Math.max(2, Math.floor(chunks.length / 2)));
  const chosen = chooseK(data, dims, { rng, kMax });
  const clusters = kmeans(data, dims, chosen.k, { rng, initialCentroids: chosen.centroids });
  const keywords = clusterKeywords(chunks.map((c) => c.text), clusters.assignments, chosen.k, { topN: KEYWORDS })
    .map((terms) => terms.map((t) => t.term));

  const members: number[][] = Array.from({ length: chosen.k }, () => []);
  clusters.assignments.forEach((cluster, row) => members[cluster]!.push(row));
  // Nearest the centroid first: the most typical passages stand for the topic.
  const central = members.map((rows, cluster) => rows
    .map((row) => [row, dot(data.subarray(row * dims), clusters.centroids.subarray(cluster * dims), dims)] as const)
    .sort((a, b) => b[1] - a[1]).map(([row]) => chunks[row]!));

  const topics: PilotTopic[] = central.map((passages, id) => ({
    id, size: members[id]!.length, keywords: keywords[id] ?? [], summary: null, summaryArm: null,
    examples: passages.slice(0, EXAMPLES).map((c) => c.url ?? c.sourceId),
  })).filter((t) => t.size > 0).sort((a, b) => b.size - a.size);

  await inBatches(topics, options.concurrency ?? 3, async (topic) => {
    const passages = central[topic.id]!.slice(0, SUMMARY_PASSAGES).map((c) => `- ${c.text.slice(0, PASSAGE_CHARS).replace(/\s+/g, ' ')}`);
    const text = `${SUMMARY_INSTRUCTIONS}\nKeywords: ${topic.keywords.join(', ')}\n\n${passages.join('\n')}`;
    const result = await options.summarize({ platform: 'simulation', tenant: run.tenant, channel: `pilot:${run.workspace}`, user: 'pilot', text, history: [] });
    if (result) Object.assign(topic, { summary: result.text.trim(), summaryArm: result.arm });
  });

  return {
    k: chosen.k,
    criterion: chosen.criterion,
    chunks: chunks.length,
    topics,
  };
}

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}
