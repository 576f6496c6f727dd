import type { Config } from '../config/index.js';
import type { Clock } from '../router/clock.js';
import type { PilotRunRecord, PilotStore, StoredChunk } from '../store/pilot-records.js';
import type { Logger } from '../telemetry/index.js';
import type { PilotMetrics } from '../telemetry/pilot-metrics.js';
import type { AnalysisOptions } from './analysis.js';
import { analyzeChunks } from './analysis.js';
import { HashingEmbedder } from './hashing-embedder.js';
import { describeIngest, type IngestRequest } from './ingest.js';
import { namespaceOf, runPipeline, type StepSwitches } from './pipeline.js';
import type { Embedder, HistorySource, RetrievalHit } from './types.js';
import { VectorIndex } from './vector-index.js';
import { SequentialRunner, WorkerPool, type LocalRunner } from './worker-pool.js';

/** Extra candidates fetched in case some were replaced since they were indexed. */
const STALE_SLACK = 8;

export interface PilotRunRequest extends IngestRequest {
  tenant: string;
  workspace?: string;
  steps: StepSwitches;
  /** Who asked (admin user id or 'api'), kept with the run. */
  requestedBy: string;
}

export interface PilotServiceOptions {
  store: PilotStore;
  config: Config['pilot'];
  embedder: Embedder;
  summarize: AnalysisOptions['summarize'];
  metrics: PilotMetrics;
  logger: Logger;
  clock: Clock;
  newId: () => string;
  /** Tests inject a pool that fails to start. */
  runner?: LocalRunner;
}

/**
 * The pilot pipeline as the bot runs it: starts runs in the background (one per tenant at a time),
 * keeps the history sources of the running adapters, and answers retrieval from an in-memory index
 * of the stored vectors, loaded per tenant on first use and extended as runs embed.
 */
export class PilotService {
  private readonly sources = new Map<string, HistorySource>();
  private readonly running = new Map<string, { run: PilotRunRecord; done: Promise<PilotRunRecord> }>();
  private readonly index: VectorIndex;
  private readonly indexed = new Set<number>();
  private readonly loadedPrefixes = new Set<string>();
  private readonly runner: LocalRunner;
  private readonly fallback = new SequentialRunner();

  constructor(private readonly options: PilotServiceOptions) {
    this.index = new VectorIndex(options.embedder.dimensions);
    this.runner = options.runner ?? (options.config.workers > 0 ? new WorkerPool(options.config.workers) : this.fallback);
    const interrupted = options.store.failInterruptedRuns(options.clock.now());
    if (interrupted) options.logger.warn({ runs: interrupted }, 'pilot runs interrupted by a restart are marked failed');
  }

  get embedderId(): string {
    return this.options.embedder.id;
  }

  addHistorySource(source: HistorySource): void {
    this.sources.set(source.platform, source);
  }

  /** Records the run and starts it; the returned record is its first state (status 'running'). */
  start(request: PilotRunRequest): PilotRunRecord {
    const { store, clock, config, metrics } = this.options;
    const busy = this.running.get(request.tenant);
    if (busy) throw new Error(`a pilot run is already in progress for this community (${busy.run.id}); wait for it to finish`);
    const run: PilotRunRecord = {
      id: this.options.newId(), tenant: request.tenant, workspace: request.workspace ?? config.workspace, status: 'running',
      orchestrator: this.runner.name, degraded: [],
      request: { ...describeIngest(request), enable_segment: request.steps.segment, enable_embed: request.steps.embed,
        enable_analysis: request.steps.analysis, embedder: this.options.embedder.id, requested_by: request.requestedBy },
      steps: [], analysis: null, error: null, createdAt: clock.now(), finishedAt: null, durationSeconds: null,
    };
    store.createRun(run);
    metrics.inFlight.inc();
    const done = runPipeline(run, request, request.steps, {
      store, runner: this.runner, fallback: this.fallback, embedder: this.options.embedder,
      hashingDimensions: this.options.embedder instanceof HashingEmbedder ? this.options.embedder.dimensions : undefined,
      segmentOptions: { maxTokens: config.chunkTokens, overlapTokens: Math.min(config.chunkOverlap, config.chunkTokens - 1) },
      history: (platform) => this.sources.get(platform),
      analyze: (r, chunks) => analyzeChunks(r, chunks, { maxTopics: config.maxTopics, summarize: this.options.summarize }),
      onVectors: (chunks) => this.addToIndex(chunks),
      metrics, logger: this.options.logger, now: () => clock.now(),
    }).catch((error: unknown) => {
      // Only the store itself failing (closed under the run, disk full) gets here; steps catch their own.
      this.options.logger.error({ runId: run.id, err: (error as Error).message }, 'pilot run could not be recorded');
      return { ...run, status: 'failed' as const, error: (error as Error).message };
    }).finally(() => {
      metrics.inFlight.dec();
      this.running.delete(request.tenant);
    });
    this.running.set(request.tenant, { run, done });
    return { ...run };
  }

  /** The run's final record once it ends (immediately for a finished run); undefined for an unknown id. */
  async wait(id: string): Promise<PilotRunRecord | undefined> {
    for (const { run, done } of this.running.values()) if (run.id === id) return done;
    return this.options.store.run(id);
  }

  run(id: string): PilotRunRecord | undefined {
    return this.options.store.run(id);
  }

  recentRuns(tenant: string, limit = 5): PilotRunRecord[] {
    return this.options.store.recentRuns(tenant, limit);
  }

  /** Top-k passages of a tenant's workspace by cosine similarity to `query` (optionally one channel's). */
  async retrieve(tenant: string, query: string, options: { k: number; channel?: string; workspace?: string }): Promise<RetrievalHit[]> {
    const prefix = namespaceOf(tenant, options.workspace ?? this.options.config.workspace, options.channel);
    this.load(namespaceOf(tenant, options.workspace ?? this.options.config.workspace));
    const [vector] = await this.options.embedder.embed([query]);
    const hits: RetrievalHit[] = [];
    // Chunks replaced by a later segmenting are gone from the store: drop them from the index as met.
    for (const { id, score } of this.index.search(vector!, options.k + STALE_SLACK, { namespace: prefix })) {
      const chunk = this.options.store.chunk(id);
      if (!chunk) {
        this.index.remove(id);
        this.indexed.delete(id);
        continue;
      }
      if (hits.length < options.k) {
        hits.push({ chunkId: id, score, text: chunk.text, sourceId: chunk.sourceId, channel: chunk.channel, ...(chunk.url ? { url: chunk.url } : {}) });
      }
    }
    return hits;
  }

  /** Waits for runs in flight and stops the worker threads (graceful shutdown). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
    await this.runner.close();
  }

  /** Stops the worker threads without waiting (the process is closing the store now). */
  stopWorkers(): void {
    void this.runner.close();
  }

  private load(prefix: string): void {
    if (this.loadedPrefixes.has(prefix)) return;
    this.addToIndex(this.options.store.embeddedChunks(prefix, this.options.embedder.id));
    this.loadedPrefixes.add(prefix);
  }

  private addToIndex(chunks: readonly StoredChunk[]): void {
    for (const chunk of chunks) {
      if (!chunk.vector || chunk.embedder !== this.options.embedder.id) continue;
      // Re-segmenting gives new chunk ids; the old ids are gone from the store and skipped on lookup.
      if (this.indexed.has(chunk.id)) continue;
      this.indexed.add(chunk.id);
      this.index.add(chunk.id, chunk.vector, chunk.namespace);
    }
  }
}
