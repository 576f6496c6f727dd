import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../../bandits/rng.js';
import { loadConfig } from '../../config/index.js';
import type { LoggedRouting } from '../../store/optimizer-records.js';
import { createLogger } from '../../telemetry/index.js';
import type { TuneInput } from './tune-types.js';
import { workerTuner } from './worker-tuner.js';

/** 240 logged requests over two arms: arm b is better when the first feature is positive. */
function logs(): LoggedRouting[] {
  const rng = Sfc32.fromSeed(3);
  return Array.from({ length: 240 }, (_, i) => {
    const x = [1, rng.next() * 2 - 1, rng.next()];
    const arm = rng.next() < 0.5 ? 0 : 1;
    const reward = (arm === 1 ? x[1]! : -x[1]!) * 0.5 + 0.3 * (rng.next() - 0.5);
    return {
      seq: i + 1, decisionId: `d${i}`, domain: 'routing', arm: ['a', 'b'][arm]!, reward, components: { feedback: reward }, closedAt: i,
      features: x, propensity: 0.5, arms: ['a', 'b'], probabilities: [0.5, 0.5], policyVersion: 'recursive-ridge',
    };
  });
}

const input: TuneInput = { logs: logs(), current: {}, trials: 6, seed: 1, confidence: 0.9 };
const config = loadConfig({ env: {} });

function recordingLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'warn', secrets: [], destination: { write: (line: string) => { lines.push(line); return true; } } as never });
  return { logger, lines };
}

describe('workerTuner', () => {
  it('tunes in a worker thread: six trials, estimates with intervals, the paired gain', async () => {
    const { logger, lines } = recordingLogger();
    const outcome = await workerTuner(config, logger)(input);
    expect(outcome.trials).toHaveLength(6);
    for (const e of [outcome.bestEstimate, outcome.currentEstimate, outcome.gain]) expect(e.lower).toBeLessThanOrEqual(e.upper);
    expect(Object.keys(outcome.best).sort()).toEqual(['alpha', 'driftDecay', 'driftRate', 'epsilon', 'epsilonFloor', 'ridgeLambda']);
    expect(lines.join('')).not.toContain('unavailable');
  });

  it('tunes in-process, with the same result, when the worker cannot start', async () => {
    const { logger, lines } = recordingLogger();
    const broken = () => new Worker('throw new Error("no loader")', { eval: true });
    const [inWorker, inProcess] = await Promise.all([workerTuner(config, createLogger({ level: 'silent', secrets: [] }))(input), workerTuner(config, logger, broken)(input)]);
    expect(inProcess).toEqual(inWorker);
    expect(lines.join('')).toContain('optimizer worker unavailable; tuning in-process');
  });

  it('reports a tuning error from the worker', async () => {
    await expect(workerTuner(config, createLogger({ level: 'silent', secrets: [] }))({ ...input, logs: [] })).rejects.toThrow(/none of the logged requests|empty/);
  });
});
