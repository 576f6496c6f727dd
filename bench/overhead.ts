import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Sfc32 } from '../bandits/rng.js';
import { createApp } from '../bot/app.js';
import type { Config } from '../config/index.js';
import type { Arm } from '../router/arm.js';
import type { GenerateRequest, LanguageModel, StreamChunk } from '../router/providers/language-model.js';
import { createLogger, createMetrics } from '../telemetry/index.js';
import { fixed, machineLine, round, textTable } from './format.js';
import { communityMessage } from './simulated-community.js';

/** A provider that answers at once and notes when the request reached it. */
class ZeroLatencyModel implements LanguageModel {
  readonly provider = 'zero-latency';
  lastRequestAt = 0;
  constructor(readonly model: string) {}

  async generate(): Promise<never> {
    throw new Error('the overhead benchmark streams');
  }

  async *stream(_req: GenerateRequest): AsyncIterable<StreamChunk> {
    this.lastRequestAt = performance.now();
    yield { type: 'text', text: 'ok' };
    yield { type: 'done', finishReason: 'stop', usage: { inputTokens: 20, outputTokens: 2 } };
  }
}

/**
 * RSS after a full garbage collection when `npm run bench` exposes gc (it runs node with
 * --expose-gc), so samples compare live memory rather than where the collector happened to be.
 */
function settledRss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

/**
 * `npm run bench -- overhead [--messages 100000]`: what Switchboard itself adds to a request. Each
 * message goes through the real path (features, policy, decision written to SQLite, outcome,
 * rewards closing and the policy learning) against zero-latency in-process providers; the latency
 * is from the event entering the router to the provider receiving its request.
 */
export async function overheadCommand(argv: string[], config: Config): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { messages: { type: 'string', default: '100000' }, seed: { type: 'string', default: '1' } } });
  const total = Number(values.messages);
  if (!Number.isInteger(total) || total < 1000) throw new Error(`--messages="${values.messages}" is not valid: expected a whole number of at least 1000.`);
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-overhead-'));
  const models = ['a', 'b', 'c', 'd'].map((m) => new ZeroLatencyModel(m));
  const arms: Arm[] = models.map((model) => ({ name: `zero:${model.model}`, model, price: { inputPerMillion: 1, outputPerMillion: 2 } }));
  const app = createApp(
    { ...config, store: { databasePath: join(dir, 'overhead.db') }, reward: { ...config.reward, feedbackWindowSeconds: 1 } },
    { arms, logger: createLogger({ level: 'warn', secrets: [] }), metrics: createMetrics(), policySeed: Number(values.seed) },
  );
  const community = Sfc32.fromSeed(Number(values.seed));
  const latencies = new Float64Array(total);
  const rss: Array<[number, number]> = [];
  const warmup = 1000;
  let started = 0;
  try {
    for (let i = 0; i < total + warmup; i++) {
      if (i === warmup) {
        started = performance.now();
        rss.push([0, settledRss()]);
      }
      const text = communityMessage(community).text;
      const t0 = performance.now();
      const result = await app.router.route({ platform: 'simulation', tenant: 'bench', channel: 'c', user: `u${i % 100}`, text, history: [] });
      if ('error' in result) throw new Error(result.error);
      const model = models.find((m) => result.arm === `zero:${m.model}`)!;
      if (i >= warmup) latencies[i - warmup] = model.lastRequestAt - t0;
      if (i % 1000 === 999) app.closer.closeDue();
      if (i >= warmup && (i - warmup + 1) % 10_000 === 0) rss.push([i - warmup + 1, settledRss()]);
    }
    const seconds = (performance.now() - started) / 1000;
    const sorted = Float64Array.from(latencies).sort();
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
    const mb = (bytes: number) => bytes / 2 ** 20;
    const report = {
      suite: 'overhead', messages: total, p50Ms: round(q(0.5), 4), p99Ms: round(q(0.99), 4), maxMs: round(sorted[sorted.length - 1]!, 3),
      messagesPerSec: Math.round(total / seconds),
      rssStartMb: round(mb(rss[0]![1]), 1), rssEndMb: round(mb(rss.at(-1)![1]), 1), rssMaxMb: round(mb(Math.max(...rss.map((r) => r[1]))), 1),
    };
    console.log(`Overhead: event in → provider request out, ${total.toLocaleString('en-US')} messages through the full path (${machineLine()})`);
    console.log(textTable(['measure', 'value', 'target'], [
      ['latency p50', `${fixed(report.p50Ms, 3)} ms`, ''], ['latency p99', `${fixed(report.p99Ms, 3)} ms`, '≤ 2 ms'],
      ['messages/s (whole path, rewards and learning included)', report.messagesPerSec.toLocaleString('en-US'), '≥ 1,000'],
      ['RSS after warm-up', `${report.rssStartMb} MB`, ''], [`RSS after ${total.toLocaleString('en-US')}`, `${report.rssEndMb} MB`, 'flat'],
    ]));
    console.log(`RSS every 10,000 messages (MB): ${rss.map(([, b]) => mb(b).toFixed(0)).join(' ')}`);
    console.log(JSON.stringify(report));
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
