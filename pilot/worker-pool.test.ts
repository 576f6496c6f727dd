import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { HashingEmbedder } from './hashing-embedder.js';
import { segment } from './segment.js';
import { SequentialRunner, WorkerPool, type LocalRunner } from './worker-pool.js';

const TEXTS = Array.from({ length: 40 }, (_, i) =>
  `Message ${i} about deploys and rollbacks. ${'Another sentence with words. '.repeat(i % 7)}\n\n\`\`\`\ncode ${i}\n\`\`\``);
const OPTIONS = { maxTokens: 24, overlapTokens: 4 };

const pools: LocalRunner[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.close();
});

describe('WorkerPool', () => {
  it('segments and embeds in worker threads exactly as in-process, order kept across workers', async () => {
    const pool = new WorkerPool(2);
    pools.push(pool);
    expect(await pool.segment(TEXTS, OPTIONS)).toEqual(TEXTS.map((t) => segment(t, OPTIONS)));
    const vectors = await pool.embedHashing(TEXTS, 64);
    expect(Array.from(vectors)).toEqual(Array.from(new HashingEmbedder({ dimensions: 64 }).embedBatchSync(TEXTS)));
    // The same threads serve the next call.
    expect((await pool.segment(['one more.'], OPTIONS))[0]![0]!.text).toBe('one more.');
  });

  it('rejects when a worker cannot start, and starts afresh on the next call', async () => {
    let broken = true;
    const pool = new WorkerPool(1, () => broken
      ? new Worker('throw new Error("no loader here")', { eval: true })
      : new Worker(`const { parentPort } = require('node:worker_threads');
         parentPort.postMessage({ id: -1, ready: true });
         parentPort.on('message', (t) => parentPort.postMessage({ id: t.id, chunks: t.texts.map(() => []) }));`, { eval: true }));
    pools.push(pool);
    await expect(pool.segment(['a.'], OPTIONS)).rejects.toThrow(/no loader here/);
    broken = false;
    expect(await pool.segment(['a.', 'b.'], OPTIONS)).toEqual([[], []]);
  });

  it('rejects the tasks of a worker that dies mid-task instead of hanging', async () => {
    const pool = new WorkerPool(1, () => new Worker(`const { parentPort } = require('node:worker_threads');
      parentPort.postMessage({ id: -1, ready: true });
      parentPort.on('message', () => process.exit(3));`, { eval: true }));
    pools.push(pool);
    await expect(pool.segment(['a.'], OPTIONS)).rejects.toThrow(/exited \(code 3\)/);
  });
});

describe('SequentialRunner', () => {
  it('gives the same chunks and vectors in-process', async () => {
    const runner = new SequentialRunner();
    expect(await runner.segment(TEXTS.slice(0, 3), OPTIONS)).toEqual(TEXTS.slice(0, 3).map((t) => segment(t, OPTIONS)));
    expect((await runner.embedHashing(['a b c'], 32)).length).toBe(32);
  });
});
