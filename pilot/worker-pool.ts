import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../telemetry/module-worker.js';
import { HashingEmbedder } from './hashing-embedder.js';
import { segment, type SegmentOptions } from './segment.js';
import type { Chunk } from './types.js';

export type WorkerTask =
  | { id: number; op: 'segment'; texts: string[]; options: SegmentOptions }
  | { id: number; op: 'embed'; texts: string[]; dimensions: number };

export interface WorkerResult {
  id: number;
  ready?: boolean;
  chunks?: Chunk[][];
  /** Row-major, `texts.length` × dimensions. */
  vectors?: Float32Array;
  error?: string;
}

/** The CPU-heavy half of a run (segmenting, local embedding), wherever it executes. */
export interface LocalRunner {
  readonly name: 'worker-pool' | 'sequential';
  segment(texts: readonly string[], options: SegmentOptions): Promise<Chunk[][]>;
  /** Row-major unit vectors of the hashing embedder with these dimensions. */
  embedHashing(texts: readonly string[], dimensions: number): Promise<Float32Array>;
  close(): Promise<void>;
}

/** In-process: blocks the event loop for the length of a step; what the pool falls back to. */
export class SequentialRunner implements LocalRunner {
  readonly name = 'sequential';
  private readonly embedders = new Map<number, HashingEmbedder>();

  async segment(texts: readonly string[], options: SegmentOptions): Promise<Chunk[][]> {
    return texts.map((text) => segment(text, options));
  }

  async embedHashing(texts: readonly string[], dimensions: number): Promise<Float32Array> {
    let embedder = this.embedders.get(dimensions);
    if (!embedder) this.embedders.set(dimensions, (embedder = new HashingEmbedder({ dimensions })));
    return embedder.embedBatchSync(texts);
  }

  async close(): Promise<void> {}
}

const START_TIMEOUT_MS = 15_000;

function spawn(): Worker {
  return startModuleWorker(new URL('./pilot-worker', import.meta.url), import.meta.url);
}

interface Pending {
  resolve: (result: WorkerResult) => void;
  reject: (error: Error) => void;
}

/** One worker thread and the tasks it owes an answer to. */
class PoolWorker {
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  /** Set once the thread errored or exited: it takes no more tasks. */
  dead: Error | undefined;
  readonly ready: Promise<void>;

  constructor(private readonly worker: Worker) {
    worker.unref();
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('pilot worker did not start in time')), START_TIMEOUT_MS);
      timer.unref();
      worker.on('message', (message: WorkerResult) => {
        if (message.ready) {
          clearTimeout(timer);
          resolve();
          return;
        }
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error !== undefined) pending?.reject(new Error(message.error));
        else pending?.resolve(message);
      });
      const fail = (error: Error) => {
        this.dead ??= error;
        clearTimeout(timer);
        reject(error);
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`pilot worker exited (code ${code})`)));
    });
    this.ready.catch(() => undefined);
  }

  async run(task: Omit<WorkerTask, 'id'>): Promise<WorkerResult> {
    await this.ready;
    if (this.dead) throw this.dead;
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...task, id });
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

/** Splits `items` into `parts` contiguous slices of near-equal length (order kept when rejoined). */
function slices<T>(items: readonly T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * Worker threads for segmenting and local embedding. Workers start on first use and stay up for
 * later runs; a step's texts are split evenly across them. When a worker cannot start or dies,
 * the call rejects and the pipeline redoes the step in-process (reported as fallback_sequential).
 */
export class WorkerPool implements LocalRunner {
  readonly name = 'worker-pool';
  private workers: PoolWorker[] | undefined;

  constructor(private readonly size: number, private readonly start: () => Worker = spawn) {
    if (size < 1) throw new RangeError('a worker pool needs at least one worker');
  }

  async segment(texts: readonly string[], options: SegmentOptions): Promise<Chunk[][]> {
    const parts = await this.spread(texts, (slice) => ({ op: 'segment', texts: slice, options }));
    return parts.flatMap((result) => result.chunks ?? []);
  }

  async embedHashing(texts: readonly string[], dimensions: number): Promise<Float32Array> {
    const parts = await this.spread(texts, (slice) => ({ op: 'embed', texts: slice, dimensions }));
    const out = new Float32Array(texts.length * dimensions);
    let offset = 0;
    for (const part of parts) {
      out.set(part.vectors!, offset);
      offset += part.vectors!.length;
    }
    return out;
  }

  async close(): Promise<void> {
    const workers = this.workers ?? [];
    this.workers = undefined;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private async spread(texts: readonly string[], task: (slice: string[]) => Omit<WorkerTask, 'id'>): Promise<WorkerResult[]> {
    if (texts.length === 0) return [];
    const workers = this.ensureStarted();
    try {
      await Promise.all(workers.map((w) => w.ready));
    } catch (error) {
      // A pool that failed to start is dropped: the next run tries again from scratch.
      await this.close();
      throw error;
    }
    const parts = slices(texts, workers.length);
    return Promise.all(parts.map((slice, i) => workers[i]!.run(task(slice))));
  }

  private ensureStarted(): PoolWorker[] {
    // A thread that died (out of memory, a bug) is replaced with the whole pool on the next call.
    if (this.workers?.some((w) => w.dead)) void this.close();
    this.workers ??= Array.from({ length: this.size }, () => new PoolWorker(this.start()));
    return this.workers;
  }
}
