import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { VirtualClock } from '../router/clock.js';
import { useTempStore } from '../store/store-fixtures.js';
import { createLogger, createMetrics } from '../telemetry/index.js';
import { HashingEmbedder } from './hashing-embedder.js';
import { PilotService, type PilotRunRequest, type PilotServiceOptions } from './pilot-service.js';
import type { Embedder, HistorySource } from './types.js';
import { SequentialRunner, type LocalRunner } from './worker-pool.js';

const temp = useTempStore();
const services: PilotService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
});

const TOPICS = [
  'kubernetes helm deploy rollback cluster pod ingress',
  'sourdough pizza dough oven flour yeast tomato',
  'guitar chord fret strum tuning amplifier pedal',
];

function corpus(n: number): PilotRunRequest['texts'] {
  return Array.from({ length: n }, (_, i) => {
    const words = TOPICS[i % 3]!.split(' ');
    return { text: `${words[i % 7]} ${words[(i + 2) % 7]} and ${words[(i + 4) % 7]}. Also ${words[(i + 5) % 7]} ${words[(i + 1) % 7]}.`, id: `m${i}`, channel: 'general', url: `https://chat.example/m/${i}` };
  });
}

function service(overrides: Partial<PilotServiceOptions> = {}, store = temp.open()) {
  let id = 0;
  const config = { ...loadConfig({ env: {} }).pilot, workers: 0 };
  const s = new PilotService({
    store: store.pilot, config, embedder: new HashingEmbedder(), metrics: createMetrics({ collectDefault: false }).pilot,
    logger: createLogger({ level: 'silent', secrets: [] }), clock: new VirtualClock(), newId: () => `run-${++id}`,
    summarize: async (turn) => ({ text: `summary of ${turn.text.split('\n')[1]}`, arm: 'sim' }),
    ...overrides,
  });
  services.push(s);
  return { s, store };
}

const ALL = { segment: true, embed: true, analysis: true };

describe('PilotService runs', () => {
  it('runs ingest → segment → embed → analysis and finds the planted topics', async () => {
    const { s } = service();
    const started = s.start({ tenant: 'g1', texts: corpus(90), steps: ALL, requestedBy: 'admin' });
    expect(started.status).toBe('running');
    const run = (await s.wait(started.id))!;
    expect(run.steps.map((st) => [st.name, st.status])).toEqual([['ingest', 'completed'], ['segment', 'completed'], ['embed', 'completed'], ['analysis', 'completed']]);
    expect(run).toMatchObject({ status: 'completed', orchestrator: 'sequential', degraded: [] });
    expect(run.durationSeconds).toBeGreaterThan(0);
    expect(run.analysis!.k).toBe(3);
    expect(run.analysis!.topics.map((t) => t.size)).toEqual([30, 30, 30]);
    expect(run.analysis!.topics.every((t) => t.summary?.startsWith('summary of Keywords:') && t.summaryArm === 'sim')).toBe(true);
    expect(s.run(run.id)).toEqual(run);
  });

  it('re-ingesting the same messages adds nothing and re-embeds nothing', async () => {
    const { s, store } = service();
    await s.wait(s.start({ tenant: 'g1', texts: corpus(30), steps: ALL, requestedBy: 'a' }).id);
    const again = (await s.wait(s.start({ tenant: 'g1', texts: corpus(30), steps: ALL, requestedBy: 'a' }).id))!;
    expect(again.steps[0]!.counts).toEqual({ texts: 30, added: 0, duplicates: 30 });
    expect(again.steps[1]!.counts).toMatchObject({ texts: 0, unchanged: 30 });
    expect(again.steps[2]!.counts).toMatchObject({ chunks: 0 });
    expect(temp.peek<{ n: number }>('SELECT COUNT(*) AS n FROM pilot_sources')[0]!.n).toBe(30);
    expect(store.pilot.embeddedChunks('g1:main:pilot', 'hashing-256')).toHaveLength(30);
  });

  it.each([
    ['ingest', { history: { platform: 'slack', channel: 'C1', since: 0, limit: 10 } } as Partial<PilotRunRequest>, {}, /no slack adapter is running/],
    ['segment', {}, { runner: failingRunner('segmenter crashed'), fallbackFails: true }, /segmenter crashed/],
    ['embed', {}, { embedder: failingEmbedder() }, /embedding provider is down/],
    ['analysis', {}, { summarize: async () => { throw new Error('router exploded'); } }, /router exploded/],
  ] as const)('reports a failing %s step as failed and skips the later steps', async (step, request, overrides, reason) => {
    const { fallbackFails, ...rest } = overrides as Record<string, unknown>;
    const { s } = service(rest as Partial<PilotServiceOptions>);
    if (fallbackFails) (s as unknown as { fallback: LocalRunner }).fallback.segment = async () => { throw new Error('segmenter crashed'); };
    const run = (await s.wait(s.start({ tenant: 'g1', texts: corpus(12), steps: ALL, requestedBy: 'a', ...request }).id))!;
    const names = ['ingest', 'segment', 'embed', 'analysis'];
    const at = names.indexOf(step);
    expect(run.status).toBe('failed');
    expect(run.steps[at]).toMatchObject({ status: 'failed', reason: expect.stringMatching(reason) });
    for (const later of run.steps.slice(at + 1)) expect(later).toMatchObject({ status: 'skipped', reason: 'an earlier step failed' });
    for (const earlier of run.steps.slice(0, at)) expect(earlier.status).toBe('completed');
    expect(run.error).toMatch(reason);
  });

  it('falls back to in-process work when the worker pool cannot start, and says so', async () => {
    const metrics = createMetrics({ collectDefault: false });
    const { s } = service({ runner: failingRunner('worker did not start'), metrics: metrics.pilot });
    const run = (await s.wait(s.start({ tenant: 'g1', texts: corpus(12), steps: ALL, requestedBy: 'a' }).id))!;
    expect(run).toMatchObject({ status: 'completed', orchestrator: 'sequential', degraded: ['fallback_sequential'] });
    expect(await metrics.registry.getSingleMetricAsString('switchboard_pilot_runs_degraded_total')).toContain('reason="fallback_sequential"} 1');
  });

  it('skips steps that are switched off, and embeds whole texts when segmenting is off', async () => {
    const { s, store } = service();
    const run = (await s.wait(s.start({ tenant: 'g1', texts: corpus(6), steps: { segment: false, embed: true, analysis: false }, requestedBy: 'a' }).id))!;
    expect(run.steps.map((st) => st.status)).toEqual(['completed', 'skipped', 'completed', 'skipped']);
    expect(run.steps[1]!.reason).toMatch(/enable_segment=0/);
    expect(store.pilot.embeddedChunks('g1:main:pilot', 'hashing-256')).toHaveLength(6);
  });

  it('runs one pilot run per community at a time', async () => {
    const { s } = service();
    const first = s.start({ tenant: 'g1', texts: corpus(6), steps: ALL, requestedBy: 'a' });
    expect(() => s.start({ tenant: 'g1', texts: corpus(6), steps: ALL, requestedBy: 'a' })).toThrow(/already in progress/);
    expect(s.start({ tenant: 'g2', texts: corpus(6), steps: ALL, requestedBy: 'a' }).status).toBe('running');
    await s.wait(first.id);
  });

  it('marks a run that a crash left running as failed on the next start', () => {
    const store = temp.open();
    store.pilot.createRun({
      id: 'crashed', tenant: 'g1', workspace: 'main', status: 'running', orchestrator: 'worker-pool', degraded: [], request: {},
      steps: [], analysis: null, error: null, createdAt: 1, finishedAt: null, durationSeconds: null,
    });
    const { s } = service({}, store);
    expect(s.run('crashed')).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/) });
  });

  it('reads channel history through the platform source', async () => {
    const { s } = service();
    const source: HistorySource = {
      platform: 'discord',
      history: async (channel, { since, limit }) => corpus(12)!.map((t, i) => ({
        sourceId: `discord:${channel}:${i}`, origin: 'discord', channel, author: 'u', createdAt: since + i, text: t.text, url: t.url,
      })).slice(0, limit),
    };
    s.addHistorySource(source);
    const run = (await s.wait(s.start({ tenant: 'g1', history: { platform: 'discord', channel: '42', since: 5, limit: 8 }, steps: ALL, requestedBy: 'a' }).id))!;
    expect(run.steps[0]!.counts).toEqual({ texts: 8, added: 8, duplicates: 0 });
    const hits = await s.retrieve('g1', TOPICS[2]!, { k: 2, channel: '42' });
    expect(hits[0]!.url).toMatch(/^https:\/\/chat\.example\/m\/(2|5)$/);
  });
});

describe('PilotService retrieval', () => {
  it('finds the planted passage for a question about it, within the namespace asked', async () => {
    const { s } = service();
    const planted = { text: 'To reset the staging database run make db-reset from the ops repository, then reseed fixtures.', channel: 'ops', url: 'https://chat.example/m/planted' };
    await s.wait(s.start({ tenant: 'g1', texts: [...corpus(60)!, planted], steps: ALL, requestedBy: 'a' }).id);
    const [top] = await s.retrieve('g1', 'how do I reset the staging database?', { k: 3 });
    expect(top).toMatchObject({ url: planted.url, channel: 'ops' });
    expect(top!.score).toBeGreaterThan(0.3);
    expect((await s.retrieve('g1', 'how do I reset the staging database?', { k: 3, channel: 'general' }))[0]!.url).not.toBe(planted.url);
    expect(await s.retrieve('other-tenant', 'reset the staging database', { k: 3 })).toEqual([]);
  });

  it('serves vectors stored by an earlier process', async () => {
    const store = temp.open();
    const first = service({}, store).s;
    await first.wait(first.start({ tenant: 'g1', texts: corpus(9), steps: ALL, requestedBy: 'a' }).id);
    const second = service({}, store).s;
    expect((await second.retrieve('g1', TOPICS[1]!, { k: 1 }))[0]!.text).toMatch(/pizza|sourdough|dough|oven|flour|yeast|tomato/);
  });
});

function failingRunner(message: string): LocalRunner {
  const runner = new SequentialRunner();
  return Object.assign(Object.create(runner) as LocalRunner, {
    name: 'worker-pool' as const,
    segment: async () => { throw new Error(message); },
    embedHashing: async () => { throw new Error(message); },
  });
}

function failingEmbedder(): Embedder {
  return { id: 'broken', dimensions: 256, embed: async () => { throw new Error('embedding provider is down (503)'); } };
}
