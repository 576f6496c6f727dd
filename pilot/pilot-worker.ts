/**
 * A worker thread of the pilot's pool: segments texts and embeds them with the hashing embedder,
 * so a channel's whole history is crunched off the bot's event loop. Messages in and out are the
 * `WorkerTask` / `WorkerResult` shapes of worker-pool.ts; vectors travel as one transferred buffer.
 */
import { parentPort } from 'node:worker_threads';
import { HashingEmbedder } from './hashing-embedder.js';
import { segment } from './segment.js';
import type { WorkerResult, WorkerTask } from './worker-pool.js';

const embedders = new Map<number, HashingEmbedder>();

function run(task: WorkerTask): WorkerResult {
  if (task.op === 'segment') return { id: task.id, chunks: task.texts.map((text) => segment(text, task.options)) };
  let embedder = embedders.get(task.dimensions);
  if (!embedder) embedders.set(task.dimensions, (embedder = new HashingEmbedder({ dimensions: task.dimensions })));
  return { id: task.id, vectors: embedder.embedBatchSync(task.texts) };
}

parentPort!.on('message', (task: WorkerTask) => {
  try {
    const result = run(task);
    parentPort!.postMessage(result, result.vectors ? [result.vectors.buffer as ArrayBuffer] : []);
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: (error as Error).message } satisfies WorkerResult);
  }
});
parentPort!.postMessage({ id: -1, ready: true } satisfies WorkerResult);
