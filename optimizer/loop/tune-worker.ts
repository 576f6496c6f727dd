/** The optimizer's worker thread: one tuning pass per message, so the bot's event loop keeps answering. */
import { parentPort } from 'node:worker_threads';
import { runTune, type TuneJob } from './run-tune.js';

parentPort!.on('message', (job: TuneJob) => {
  try {
    parentPort!.postMessage({ outcome: runTune(job) });
  } catch (error) {
    parentPort!.postMessage({ error: (error as Error).message });
  }
});
