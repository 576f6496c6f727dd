import { describe, expect, it } from 'vitest';
import type { SourceText } from '../pilot/types.js';
import type { PilotRunRecord } from './pilot-records.js';
import { blobToVector, vectorToBlob } from './sqlite-pilot.js';
import { useTempStore } from './store-fixtures.js';

const temp = useTempStore();

function text(sourceId: string, channel = 'c1', body = `message ${sourceId}`): SourceText {
  return { sourceId, origin: 'discord', channel, author: 'u1', createdAt: 1_000, text: body, url: `https://x/${sourceId}` };
}

function run(id: string, overrides: Partial<PilotRunRecord> = {}): PilotRunRecord {
  return {
    id, tenant: 'g1', workspace: 'main', status: 'running', orchestrator: 'worker-pool', degraded: [],
    request: { enable_segment: true }, steps: [], analysis: null, error: null, createdAt: 5, finishedAt: null, durationSeconds: null,
    ...overrides,
  };
}

describe('pilot store', () => {
  it('adds each source once: re-ingesting the same messages adds nothing and returns the same rows', () => {
    const store = temp.open();
    const first = store.pilot.addSources('g1', 'main', [text('a'), text('b')], 10);
    expect(first.added).toBe(2);
    const again = store.pilot.addSources('g1', 'main', [text('b'), text('a'), text('c')], 20);
    expect(again.added).toBe(1);
    expect(again.rows.slice(0, 2)).toEqual([first.rows[1], first.rows[0]]);
    // Another workspace keeps its own copy.
    expect(store.pilot.addSources('g1', 'other', [text('a')], 30).added).toBe(1);
    expect(temp.peek<{ n: number }>('SELECT COUNT(*) AS n FROM pilot_sources')[0]!.n).toBe(4);
  });

  it('replaces chunks on re-segmenting and keeps vectors byte for byte', () => {
    const store = temp.open();
    const { rows } = store.pilot.addSources('g1', 'main', [text('a')], 10);
    const [ids] = store.pilot.replaceChunks([{ row: rows[0]!, namespace: 'g1:main:pilot:c1', chunks: [
      { index: 0, text: 'one', tokens: 1 }, { index: 1, text: 'two', tokens: 1 },
    ] }]);
    const vector = Float32Array.from([0.6, 0.8, 0]);
    store.pilot.saveVectors('hashing-3', [{ id: ids![0]!, vector }]);
    expect(store.pilot.chunksOf(rows).map((c) => [c.text, c.embedder, c.vector && Array.from(c.vector)])).toEqual([
      ['one', 'hashing-3', Array.from(vector)], ['two', null, null],
    ]);
    expect(store.pilot.unembeddedChunks(rows, 'hashing-3').map((c) => [c.text, c.vector])).toEqual([['two', null]]);
    expect(store.pilot.unembeddedChunks(rows, 'other').map((c) => c.text)).toEqual(['one', 'two']);
    store.pilot.replaceChunks([{ row: rows[0]!, namespace: 'g1:main:pilot:c1', chunks: [{ index: 0, text: 'whole', tokens: 1 }] }]);
    expect(store.pilot.chunksOf(rows).map((c) => c.text)).toEqual(['whole']);
  });

  it('loads embedded chunks by namespace prefix on whole segments, with their source links', () => {
    const store = temp.open();
    const { rows } = store.pilot.addSources('g1', 'main', [text('a', 'c1'), text('b', 'c2'), text('c', 'c1x')], 10);
    const ids = store.pilot.replaceChunks(rows.map((row, i) => ({
      row, namespace: `g1:main:pilot:${['c1', 'c2', 'c1x'][i]}`, chunks: [{ index: 0, text: `t${i}`, tokens: 1 }],
    })));
    store.pilot.saveVectors('h', ids.map((chunkIds) => ({ id: chunkIds[0]!, vector: Float32Array.from([1, 0]) })));
    expect(store.pilot.embeddedChunks('g1:main:pilot', 'h').map((c) => c.sourceId)).toEqual(['a', 'b', 'c']);
    expect(store.pilot.embeddedChunks('g1:main:pilot:c1', 'h').map((c) => c.url)).toEqual(['https://x/a']);
    expect(store.pilot.embeddedChunks('g1:main:pilot', 'other-embedder')).toEqual([]);
    expect(store.pilot.chunk(ids[1]![0]!)?.channel).toBe('c2');
  });

  it('stores runs, lists them newest first, and fails runs a crash left running', () => {
    const store = temp.open();
    store.pilot.createRun(run('r1'));
    store.pilot.createRun(run('r2', { createdAt: 6 }));
    store.pilot.updateRun(run('r2', { createdAt: 6, status: 'completed', finishedAt: 9, durationSeconds: 0.003, degraded: ['fallback_sequential'] }));
    expect(store.pilot.recentRuns('g1', 10).map((r) => [r.id, r.status])).toEqual([['r2', 'completed'], ['r1', 'running']]);
    expect(store.pilot.run('r2')?.degraded).toEqual(['fallback_sequential']);
    expect(store.pilot.failInterruptedRuns(50)).toBe(1);
    expect(store.pilot.run('r1')).toMatchObject({ status: 'failed', finishedAt: 50 });
    expect(store.pilot.run('nope')).toBeUndefined();
  });

  it('round-trips vectors through blobs that sit at unaligned offsets', () => {
    const vector = Float32Array.from([1.5, -2.25, 3e-8]);
    const padded = Buffer.concat([Buffer.from([7]), vectorToBlob(vector)]).subarray(1);
    expect(Array.from(blobToVector(padded))).toEqual(Array.from(vector));
  });
});
