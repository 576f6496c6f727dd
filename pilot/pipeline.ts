import type { Logger } from '../telemetry/index.js';
import type { PilotMetrics } from '../telemetry/pilot-metrics.js';
import type { PilotAnalysis, PilotRunRecord, PilotStepName, PilotStepReport, PilotStore, StoredChunk } from '../store/pilot-records.js';
import { ingest, type IngestRequest } from './ingest.js';
import type { SegmentOptions } from './segment.js';
import { countTokens } from './token-count.js';
import type { Embedder, HistorySource } from './types.js';
import type { LocalRunner } from './worker-pool.js';

/** Which steps a run does beyond ingest (the API's enable_* flags). */
export interface StepSwitches {
  segment: boolean;
  embed: boolean;
  analysis: boolean;
}

export interface PipelineDeps {
  store: PilotStore;
  /** The pool when PILOT_WORKERS > 0; the sequential runner otherwise. */
  runner: LocalRunner;
  /** What the pool degrades to. */
  fallback: LocalRunner;
  embedder: Embedder;
  /** Set when `embedder` is the hashing embedder, whose work the runner can take off the event loop. */
  hashingDimensions: number | undefined;
  segmentOptions: SegmentOptions;
  history: (platform: 'discord' | 'slack') => HistorySource | undefined;
  analyze: (run: PilotRunRecord, chunks: StoredChunk[]) => Promise<PilotAnalysis>;
  /** New vectors, for the retrieval index. */
  onVectors: (chunks: StoredChunk[]) => void;
  metrics: PilotMetrics;
  logger: Logger;
  now: () => number;
}

export const STEPS: readonly PilotStepName[] = ['ingest', 'segment', 'embed', 'analysis'];

/** The fewest embedded chunks worth clustering. */
const MIN_ANALYSIS_CHUNKS = 4;

export function namespaceOf(tenant: string, workspace: string, channel?: string): string {
  return channel === undefined ? `${tenant}:${workspace}:pilot` : `${tenant}:${workspace}:pilot:${channel}`;
}

/**
 * Runs one pilot run to its end, writing its record after every step so GET /pilot/runs/:id shows
 * progress. A step that throws is reported failed with its reason and every later step skipped;
 * nothing here throws, so a failed run never takes the bot down. Each step's writes are one
 * transaction, so a crash mid-run leaves whole steps behind (and the run marked failed on restart).
 */
export async function runPipeline(run: PilotRunRecord, request: IngestRequest, switches: StepSwitches, deps: PipelineDeps): Promise<PilotRunRecord> {
  const { store, metrics, logger, now } = deps;
  // Durations are measured on the monotonic timer: the app's clock may be virtual (simulation).
  const t = performance.now();
  let rows: number[] = [];
  let runner = deps.runner;
  run.orchestrator = runner.name;

  // Runs a CPU step on the pool, or in-process when the pool is unavailable (reported, not fatal).
  const local = async <T>(work: (r: LocalRunner) => Promise<T>): Promise<T> => {
    try {
      return await work(runner);
    } catch (error) {
      if (runner === deps.fallback) throw error;
      logger.warn({ runId: run.id, err: (error as Error).message }, 'pilot worker pool unavailable; running in-process');
      runner = deps.fallback;
      run.orchestrator = runner.name;
      if (!run.degraded.includes('fallback_sequential')) {
        run.degraded.push('fallback_sequential');
        metrics.degraded.inc({ reason: 'fallback_sequential' });
      }
      return work(runner);
    }
  };

  const steps: Record<PilotStepName, () => Promise<Record<string, number> | string>> = {
    ingest: async () => {
      const texts = await ingest(request, now(), deps.history);
      const result = store.addSources(run.tenant, run.workspace, texts, now());
      rows = result.rows;
      return { texts: texts.length, added: result.added, duplicates: texts.length - result.added };
    },
    segment: async () => {
      if (!switches.segment) return 'enable_segment=0: each text is one chunk';
      // Texts segmented by an earlier run keep their chunks (and vectors): re-ingesting costs nothing.
      const sources = store.sourceTexts(store.unchunkedSources(rows));
      const chunks = await local((r) => r.segment(sources.map((s) => s.text), deps.segmentOptions));
      const written = store.replaceChunks(sources.map((s, i) => ({
        row: s.row, namespace: namespaceOf(run.tenant, run.workspace, s.channel), chunks: chunks[i]!,
      })));
      return { texts: sources.length, unchanged: rows.length - sources.length, chunks: written.reduce((n, ids) => n + ids.length, 0) };
    },
    embed: async () => {
      if (!switches.embed) return 'enable_embed=0';
      wholeTextChunks(store, rows, run);
      const todo = store.unembeddedChunks(rows, deps.embedder.id);
      const vectors = await embedAll(todo.map((c) => c.text), deps, local);
      store.saveVectors(deps.embedder.id, todo.map((c, i) => ({ id: c.id, vector: vectors[i]! })));
      deps.onVectors(todo.map((c, i) => ({ ...c, embedder: deps.embedder.id, vector: vectors[i]! })));
      return { chunks: todo.length, dimensions: deps.embedder.dimensions };
    },
    analysis: async () => {
      if (!switches.analysis) return 'enable_analysis=0';
      const chunks = store.chunksOf(rows).filter((c) => c.embedder === deps.embedder.id && c.vector);
      if (chunks.length < MIN_ANALYSIS_CHUNKS) return `only ${chunks.length} embedded chunks; at least ${MIN_ANALYSIS_CHUNKS} are needed to find topics`;
      run.analysis = await deps.analyze(run, chunks);
      return { chunks: chunks.length, topics: run.analysis.topics.length };
    },
  };

  let failed = false;
  for (const name of STEPS) {
    const report: PilotStepReport = { name, status: 'running', duration_seconds: 0, counts: {} };
    run.steps = [...run.steps.filter((s) => s.name !== name), report].sort((a, b) => STEPS.indexOf(a.name) - STEPS.indexOf(b.name));
    const t0 = performance.now();
    if (failed) {
      Object.assign(report, { status: 'skipped', reason: 'an earlier step failed' });
    } else {
      store.updateRun(run);
      try {
        const outcome = await steps[name]();
        if (typeof outcome === 'string') Object.assign(report, { status: 'skipped', reason: outcome });
        else Object.assign(report, { status: 'completed', counts: outcome });
      } catch (error) {
        failed = true;
        Object.assign(report, { status: 'failed', reason: (error as Error).message });
        logger.warn({ runId: run.id, step: name, err: (error as Error).message }, 'pilot step failed');
      }
    }
    report.duration_seconds = (performance.now() - t0) / 1000;
    metrics.steps.inc({ step: name, status: report.status });
    if (report.status === 'completed') metrics.stepDuration.observe({ step: name }, report.duration_seconds);
  }
  run.status = failed ? 'failed' : 'completed';
  run.error = failed ? run.steps.find((s) => s.status === 'failed')!.reason ?? null : null;
  run.finishedAt = now();
  run.durationSeconds = (performance.now() - t) / 1000;
  store.updateRun(run);
  metrics.runs.inc({ status: run.status });
  metrics.runDuration.observe(run.durationSeconds);
  return run;
}

/** Sources never segmented (enable_segment=0 on their first run) are embedded whole. */
function wholeTextChunks(store: PilotStore, rows: number[], run: PilotRunRecord): void {
  const bare = store.sourceTexts(store.unchunkedSources(rows));
  if (bare.length === 0) return;
  store.replaceChunks(bare.map((s) => ({
    row: s.row, namespace: namespaceOf(run.tenant, run.workspace, s.channel),
    chunks: [{ index: 0, text: s.text, tokens: countTokens(s.text) }],
  })));
}

/** Local hashing vectors come from the runner (off the event loop); provider vectors from the embedder's SDK. */
async function embedAll(
  texts: string[], deps: PipelineDeps, local: <T>(work: (r: LocalRunner) => Promise<T>) => Promise<T>,
): Promise<Float32Array[]> {
  const dims = deps.hashingDimensions;
  if (dims === undefined) return deps.embedder.embed(texts);
  const flat = await local((r) => r.embedHashing(texts, dims));
  return texts.map((_, i) => flat.subarray(i * dims, (i + 1) * dims));
}
