import type { Worker } from 'node:worker_threads';
import type { Config } from '../../config/index.js';
import type { Logger } from '../../telemetry/index.js';
import { startModuleWorker } from '../../telemetry/module-worker.js';
import { runTune, type TuneJob } from './run-tune.js';
import type { TuneOutcome, Tuner } from './tune-types.js';

/**
 * The bot's Tuner: each pass in a fresh worker thread (a pass is seconds of maths that would
 * stall every streaming answer), in-process when no worker can start (logged; slower answers
 * beat no tuning).
 */
export function workerTuner(config: Pick<Config, 'bandit' | 'reward'>, logger: Logger, start: () => Worker = defaultStart): Tuner {
  return async (input) => {
    const job: TuneJob = { ...input, bandit: config.bandit, costWeight: config.reward.costWeight };
    let worker: Worker;
    try {
      worker = start();
    } catch (error) {
      return inProcess(job, error as Error);
    }
    try {
      const reply = await new Promise<{ outcome?: TuneOutcome; error?: string; failed?: Error }>((resolve) => {
        worker.once('message', resolve);
        worker.once('error', (failed) => resolve({ failed }));
        worker.once('exit', (code) => resolve({ failed: new Error(`optimizer worker exited (code ${code})`) }));
        worker.postMessage(job);
      });
      if (reply.outcome) return reply.outcome;
      if (reply.failed) return inProcess(job, reply.failed);
      throw new Error(reply.error);
    } finally {
      void worker.terminate();
    }
  };

  function inProcess(job: TuneJob, why: Error): TuneOutcome {
    logger.warn({ err: why.message }, 'optimizer worker unavailable; tuning in-process');
    return runTune(job);
  }
}

function defaultStart(): Worker {
  return startModuleWorker(new URL('./tune-worker', import.meta.url), import.meta.url);
}
