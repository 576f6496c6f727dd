/**
 * `npm run bench -- pilot [--messages 100000] [--topics 12] [--seed 1] [--queries 1000]`: the
 * pilot pipeline's computational core on a synthetic community with planted topics
 * (pilot-corpus.ts). Times each step (ingest with dedupe, segment, embed with the local hashing
 * embedder, cluster = choose k + k-means, keywords, index), scores topic recovery (adjusted Rand
 * index of clusters against planted topics, over messages), and times top-10 retrieval over all
 * vectors under the community's namespace, plus a check that a planted unique passage is the
 * top hit for a question about it. Storage and provider calls are not part of this benchmark.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Sfc32 } from '../bandits/rng.js';
import { adjustedRandIndex } from '../pilot/adjusted-rand.js';
import { chooseK } from '../pilot/choose-k.js';
import { HashingEmbedder } from '../pilot/hashing-embedder.js';
import { clusterKeywords } from '../pilot/keywords.js';
import { kmeans } from '../pilot/kmeans.js';
import { DEFAULT_SEGMENT_OPTIONS, segment } from '../pilot/segment.js';
import type { SourceText } from '../pilot/types.js';
import { VectorIndex } from '../pilot/vector-index.js';
import { fixed, machineLine, round, textTable } from './format.js';
import { generatePilotCorpus } from './pilot-corpus.js';

const NAMESPACE = 'bench:workspace:pilot';
const K_MAX = 30;
const DENSE_QUERIES = 100;

function positiveInt(flag: string, raw: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${flag}="${raw}" is not valid: expected a positive whole number.`);
  return v;
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

export async function pilotCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string', default: '100000' },
      topics: { type: 'string', default: '12' },
      seed: { type: 'string', default: '1' },
      queries: { type: 'string', default: '1000' },
    },
  });
  const messages = positiveInt('messages', values.messages);
  const topics = positiveInt('topics', values.topics);
  const seed = positiveInt('seed', values.seed);
  const queries = positiveInt('queries', values.queries);
  if (topics < 2) throw new Error(`--topics="${values.topics}" is not valid: expected at least 2.`);
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const gc = (globalThis as { gc?: () => void }).gc;

  const corpus = generatePilotCorpus({ messages, topics, seed });
  const steps: Record<string, number> = {};
  let cpuSeconds = 0;
  // Wall time per step; CPU time as well, because on a shared machine wall time also counts waiting for a core.
  const timed = <T>(name: string, work: () => T): T => {
    gc?.();
    const cpu = process.cpuUsage();
    const start = performance.now();
    const result = work();
    steps[name] = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    cpuSeconds += (used.user + used.system) / 1e6;
    return result;
  };

  // Ingest: platform records → SourceText, deduplicated by sourceId as the store does on re-ingest.
  const sources = timed('ingest', () => {
    const seen = new Map<string, SourceText>();
    for (const m of corpus.deliveries) {
      if (seen.has(m.sourceId)) continue;
      seen.set(m.sourceId, {
        sourceId: m.sourceId, origin: 'discord', channel: m.channel, author: m.author, createdAt: m.createdAt, text: m.text,
        url: `https://discord.com/channels/1/${m.channel}/${m.sourceId.slice(8)}`,
      });
    }
    return [...seen.values()];
  });

  const { texts, firstChunk, chunkSource } = timed('segment', () => {
    const chunkTexts: string[] = [];
    const first = new Int32Array(sources.length);
    const owner: number[] = [];
    sources.forEach((s, i) => {
      first[i] = chunkTexts.length;
      for (const c of segment(s.text, DEFAULT_SEGMENT_OPTIONS)) {
        chunkTexts.push(c.text);
        owner.push(i);
      }
    });
    return { texts: chunkTexts, firstChunk: first, chunkSource: Int32Array.from(owner) };
  });

  const embedder = new HashingEmbedder();
  const d = embedder.dimensions;
  const vectors = timed('embed', () => embedder.embedBatchSync(texts));

  const rng = Sfc32.fromSeed(seed * 7919 + 17);
  const { chosen, clusters } = timed('cluster', () => {
    const choice = chooseK(vectors, d, { rng, kMax: K_MAX });
    return { chosen: choice, clusters: kmeans(vectors, d, choice.k, { rng }) };
  });
  const k = chosen.k;

  const keywords = timed('keywords', () => clusterKeywords(texts, clusters.assignments, k, { topN: 10 }));

  const index = timed('index', () => {
    const built = new VectorIndex(d);
    const namespaces = new Map<string, string>();
    for (let row = 0; row < texts.length; row++) {
      const channel = sources[chunkSource[row]!]!.channel;
      let namespace = namespaces.get(channel);
      if (namespace === undefined) namespaces.set(channel, (namespace = `${NAMESPACE}:${channel}`));
      built.add(row, vectors.subarray(row * d, (row + 1) * d), namespace);
    }
    return built;
  });
  const total = Object.values(steps).reduce((s, v) => s + v, 0);

  // Topic recovery over messages (a message's cluster is its first chunk's); the planted passage has no topic.
  const planted: number[] = [];
  const found: number[] = [];
  const topicOf = new Map(corpus.deliveries.map((m) => [m.sourceId, m.topic]));
  sources.forEach((s, i) => {
    const topic = topicOf.get(s.sourceId)!;
    if (topic < 0) return;
    planted.push(topic);
    found.push(clusters.assignments[firstChunk[i]!]!);
  });
  const ari = adjustedRandIndex(planted, found);

  // Retrieval: questions made of 3–8 words of one topic, top 10 under the community namespace.
  const queryRng = Sfc32.fromSeed(seed * 104729 + 3);
  const latencies: number[] = [];
  let onTopic = 0;
  let hits = 0;
  for (let q = 0; q < queries; q++) {
    const topic = Math.floor(queryRng.next() * topics);
    const words = Array.from({ length: 3 + Math.floor(queryRng.next() * 6) }, () => corpus.topicWords[topic]![Math.floor(queryRng.next() * 40)]!);
    const query = embedder.embedSync(words.join(' '));
    const start = performance.now();
    const top = index.search(query, 10, { namespace: NAMESPACE });
    latencies.push(performance.now() - start);
    for (const h of top) if (topicOf.get(sources[chunkSource[h.id]!]!.sourceId) === topic) onTopic++;
    hits += top.length;
  }
  latencies.sort((a, b) => a - b);
  const [p50, p99] = [quantile(latencies, 0.5), quantile(latencies, 0.99)];
  // For scale: dense queries, as a provider embedder gives, read every dimension of every row.
  const denseLatencies: number[] = [];
  for (let q = 0; q < DENSE_QUERIES; q++) {
    const query = new Float32Array(d).map(() => queryRng.next() - 0.5);
    const start = performance.now();
    index.search(query, 10, { namespace: NAMESPACE });
    denseLatencies.push(performance.now() - start);
  }
  denseLatencies.sort((a, b) => a - b);
  const passageHit = index.search(embedder.embedSync(corpus.passage.question), 1, { namespace: NAMESPACE })[0];
  const passageFound = passageHit !== undefined && sources[chunkSource[passageHit.id]!]!.sourceId === corpus.passage.sourceId;

  const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} ×${cpus().length}, Node ${process.version}, ${process.platform}/${process.arch}`;
  out(`# pilot benchmark, ${machineLine()}; ${messages.toLocaleString('en-US')} messages (${corpus.deliveries.length.toLocaleString('en-US')} deliveries), ${topics} planted topics, seed ${seed}`);
  out('');
  out(textTable(['step', 'seconds', 'items'], [
    ['ingest (dedupe by sourceId)', fixed(steps['ingest']), `${sources.length} sources`],
    ['segment', fixed(steps['segment']), `${texts.length} chunks`],
    [`embed (${embedder.id})`, fixed(steps['embed']), `${texts.length} × ${d}`],
    [`cluster (choose k on ${chosen.sampleSize}, k-means)`, fixed(steps['cluster']), `k = ${k}, ${clusters.iterations} full passes`],
    ['keywords (c-TF-IDF)', fixed(steps['keywords']), `${k} × 10`],
    ['index', fixed(steps['index']), `${index.size} vectors`],
    ['total', fixed(total), `CPU ${fixed(cpuSeconds)} s`],
  ]));
  out('');
  const silhouette = (kk: number) => chosen.silhouettes.find((s) => s.k === kk)?.silhouette;
  out(`topic recovery: ARI ${fixed(ari, 4)} (target ≥ 0.8); k = ${k} chosen, ${topics} planted; silhouette at k = ${k}: ${fixed(silhouette(k), 4)}, best over 2..${Math.min(K_MAX, chosen.silhouettes.at(-1)?.k ?? K_MAX)}: ${fixed(Math.max(...chosen.silhouettes.map((s) => s.silhouette)), 4)}`);
  out(`retrieval: top-10 over ${index.size.toLocaleString('en-US')} vectors, ${queries} queries: p50 ${fixed(p50, 2)} ms, p99 ${fixed(p99, 2)} ms (target ≤ 20); ${fixed((100 * onTopic) / Math.max(1, hits), 1)}% of hits on the query's topic`);
  out(`  for scale, ${DENSE_QUERIES} dense ${d}-dimension queries (provider-embedder style): p50 ${fixed(quantile(denseLatencies, 0.5), 2)} ms, p99 ${fixed(quantile(denseLatencies, 0.99), 2)} ms`);
  out(`planted passage top-1 for "${corpus.passage.question}": ${passageFound ? 'yes' : 'NO'}${passageHit ? ` (score ${fixed(passageHit.score, 3)})` : ''}`);
  out('');
  const sizes = new Int32Array(k);
  for (const a of clusters.assignments) sizes[a]!++;
  out(textTable(['cluster', 'chunks', 'top keywords'], keywords.map((terms, c) => [String(c), String(sizes[c]), terms.slice(0, 6).map((t) => t.term).join(', ')])));

  out(JSON.stringify({
    bench: 'pilot', messages, deliveries: corpus.deliveries.length, chunks: texts.length, seed,
    steps_s: Object.fromEntries(Object.entries(steps).map(([name, s]) => [name, round(s, 3)])),
    total_s: round(total, 3), cpu_s: round(cpuSeconds, 3), k, planted_topics: topics, ari: round(ari, 4),
    retrieval_p50_ms: round(p50, 3), retrieval_p99_ms: round(p99, 3), retrieval_on_topic: round(onTopic / Math.max(1, hits), 4),
    dense_query_p50_ms: round(quantile(denseLatencies, 0.5), 3), dense_query_p99_ms: round(quantile(denseLatencies, 0.99), 3),
    passage_top1: passageFound, machine, date: new Date().toISOString(),
  }));
}
