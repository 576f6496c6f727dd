import type { Database as Connection, Statement } from 'better-sqlite3';
import type { Chunk, SourceText } from '../pilot/types.js';
import type { PilotRunRecord, PilotStore, StoredChunk } from './pilot-records.js';

interface ChunkRow {
  id: number;
  namespace: string;
  text: string;
  source_id: string;
  channel: string;
  url: string | null;
  embedder: string | null;
  vector: Buffer | null;
}

interface RunRow {
  id: string;
  tenant: string;
  workspace: string;
  status: string;
  orchestrator: string;
  degraded: string;
  request: string;
  steps: string;
  analysis: string | null;
  error: string | null;
  created_at: number;
  finished_at: number | null;
  duration_seconds: number | null;
}

/** Vectors are stored as raw little-endian float32 bytes: 4 bytes a dimension, no parsing on load. */
export function vectorToBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

export function blobToVector(blob: Buffer): Float32Array {
  // A copy: the Buffer may sit in a shared pool at an offset that is not 4-byte aligned.
  const out = new Float32Array(blob.byteLength / 4);
  new Uint8Array(out.buffer).set(blob);
  return out;
}

const CHUNK_SELECT = `SELECT c.id, c.namespace, c.text, s.source_id, s.channel, s.url, c.embedder, c.vector
  FROM pilot_chunks c JOIN pilot_sources s ON s.id = c.source_row`;

function chunkFromRow(row: ChunkRow): StoredChunk {
  return {
    id: row.id, namespace: row.namespace, text: row.text, sourceId: row.source_id, channel: row.channel, url: row.url,
    embedder: row.embedder, vector: row.vector ? blobToVector(row.vector) : null,
  };
}

function runFromRow(row: RunRow): PilotRunRecord {
  return {
    id: row.id, tenant: row.tenant, workspace: row.workspace, status: row.status as PilotRunRecord['status'],
    orchestrator: row.orchestrator, degraded: JSON.parse(row.degraded) as string[],
    request: JSON.parse(row.request) as Record<string, unknown>, steps: JSON.parse(row.steps) as PilotRunRecord['steps'],
    analysis: row.analysis ? (JSON.parse(row.analysis) as PilotRunRecord['analysis']) : null, error: row.error,
    createdAt: row.created_at, finishedAt: row.finished_at, durationSeconds: row.duration_seconds,
  };
}

function runParams(run: PilotRunRecord): Record<string, unknown> {
  return {
    id: run.id, tenant: run.tenant, workspace: run.workspace, status: run.status, orchestrator: run.orchestrator,
    degraded: JSON.stringify(run.degraded), request: JSON.stringify(run.request), steps: JSON.stringify(run.steps),
    analysis: run.analysis ? JSON.stringify(run.analysis) : null, error: run.error, created_at: run.createdAt,
    finished_at: run.finishedAt, duration_seconds: run.durationSeconds,
  };
}

/** SQLite side of the pilot pipeline, on the store's connection. Every method is one statement or one transaction. */
export class SqlitePilot implements PilotStore {
  private readonly insertSource: Statement<[Record<string, unknown>]>;
  private readonly sourceRow: Statement<[string, string, string], { id: number }>;
  private readonly sourceText: Statement<[number], { row: number; channel: string; text: string }>;
  private readonly hasChunks: Statement<[number], { one: number }>;
  private readonly deleteChunks: Statement<[number]>;
  private readonly insertChunk: Statement<[Record<string, unknown>]>;
  private readonly chunksOfSource: Statement<[number], ChunkRow>;
  private readonly unembeddedOfSource: Statement<[number, string], ChunkRow>;
  private readonly setVector: Statement<[string, Buffer, number]>;
  private readonly byPrefix: Statement<[Record<string, unknown>], ChunkRow>;
  private readonly byId: Statement<[number], ChunkRow>;
  private readonly insertRun: Statement<[Record<string, unknown>]>;
  private readonly saveRun: Statement<[Record<string, unknown>]>;
  private readonly runById: Statement<[string], RunRow>;
  private readonly runsOf: Statement<[string, number], RunRow>;
  private readonly failRunning: Statement<[number]>;
  private readonly addTx: (tenant: string, workspace: string, texts: readonly SourceText[], now: number) => { rows: number[]; added: number };
  private readonly chunkTx: (entries: ReadonlyArray<{ row: number; namespace: string; chunks: readonly Chunk[] }>) => number[][];
  private readonly vectorTx: (embedder: string, vectors: ReadonlyArray<{ id: number; vector: Float32Array }>) => void;

  constructor(db: Connection) {
    this.insertSource = db.prepare(
      `INSERT INTO pilot_sources (tenant, workspace, source_id, origin, channel, author, created_at, text, url, ingested_at)
       VALUES (@tenant, @workspace, @source_id, @origin, @channel, @author, @created_at, @text, @url, @ingested_at)
       ON CONFLICT (tenant, workspace, source_id) DO NOTHING`,
    );
    this.sourceRow = db.prepare('SELECT id FROM pilot_sources WHERE tenant = ? AND workspace = ? AND source_id = ?');
    this.sourceText = db.prepare('SELECT id AS row, channel, text FROM pilot_sources WHERE id = ?');
    this.hasChunks = db.prepare('SELECT 1 AS one FROM pilot_chunks WHERE source_row = ? LIMIT 1');
    this.deleteChunks = db.prepare('DELETE FROM pilot_chunks WHERE source_row = ?');
    this.insertChunk = db.prepare(
      'INSERT INTO pilot_chunks (source_row, idx, namespace, text, tokens) VALUES (@source_row, @idx, @namespace, @text, @tokens)',
    );
    this.chunksOfSource = db.prepare(`${CHUNK_SELECT} WHERE c.source_row = ? ORDER BY c.idx`);
    // The blob is left unread: these chunks are about to get a new vector.
    this.unembeddedOfSource = db.prepare(
      `SELECT c.id, c.namespace, c.text, s.source_id, s.channel, s.url, c.embedder, NULL AS vector
       FROM pilot_chunks c JOIN pilot_sources s ON s.id = c.source_row
       WHERE c.source_row = ? AND (c.embedder IS NOT ? OR c.vector IS NULL) ORDER BY c.idx`,
    );
    this.setVector = db.prepare('UPDATE pilot_chunks SET embedder = ?, vector = ? WHERE id = ?');
    // Prefix match on whole segments: 'g1:main:pilot' matches 'g1:main:pilot:c1', not 'g1:main:pilotx'.
    this.byPrefix = db.prepare(
      `${CHUNK_SELECT} WHERE (c.namespace = @prefix OR substr(c.namespace, 1, length(@prefix) + 1) = @prefix || ':')
       AND c.embedder = @embedder ORDER BY c.id`,
    );
    this.byId = db.prepare(`${CHUNK_SELECT} WHERE c.id = ?`);
    const columns = 'id, tenant, workspace, status, orchestrator, degraded, request, steps, analysis, error, created_at, finished_at, duration_seconds';
    this.insertRun = db.prepare(`INSERT INTO pilot_runs (${columns}) VALUES (${columns.split(', ').map((c) => `@${c}`).join(', ')})`);
    this.saveRun = db.prepare(
      `UPDATE pilot_runs SET status = @status, orchestrator = @orchestrator, degraded = @degraded, steps = @steps,
       analysis = @analysis, error = @error, finished_at = @finished_at, duration_seconds = @duration_seconds WHERE id = @id`,
    );
    this.runById = db.prepare(`SELECT ${columns} FROM pilot_runs WHERE id = ?`);
    this.runsOf = db.prepare(`SELECT ${columns} FROM pilot_runs WHERE tenant = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`);
    this.failRunning = db.prepare(
      `UPDATE pilot_runs SET status = 'failed', error = 'interrupted: the process stopped during the run', finished_at = ?
       WHERE status = 'running'`,
    );

    this.addTx = db.transaction((tenant: string, workspace: string, texts: readonly SourceText[], now: number) => {
      const rows: number[] = [];
      let added = 0;
      for (const t of texts) {
        const result = this.insertSource.run({
          tenant, workspace, source_id: t.sourceId, origin: t.origin, channel: t.channel, author: t.author,
          created_at: t.createdAt, text: t.text, url: t.url ?? null, ingested_at: now,
        });
        if (result.changes > 0) {
          added++;
          rows.push(Number(result.lastInsertRowid));
        } else {
          rows.push(this.sourceRow.get(tenant, workspace, t.sourceId)!.id);
        }
      }
      return { rows, added };
    });
    this.chunkTx = db.transaction((entries: ReadonlyArray<{ row: number; namespace: string; chunks: readonly Chunk[] }>) => entries.map(({ row, namespace, chunks }) => {
      this.deleteChunks.run(row);
      return chunks.map((chunk) => Number(this.insertChunk.run({
        source_row: row, idx: chunk.index, namespace, text: chunk.text, tokens: chunk.tokens,
      }).lastInsertRowid));
    }));
    this.vectorTx = db.transaction((embedder: string, vectors: ReadonlyArray<{ id: number; vector: Float32Array }>) => {
      for (const { id, vector } of vectors) this.setVector.run(embedder, vectorToBlob(vector), id);
    });
  }

  addSources(tenant: string, workspace: string, texts: readonly SourceText[], now: number): { rows: number[]; added: number } {
    return this.addTx(tenant, workspace, texts, now);
  }

  unchunkedSources(rows: readonly number[]): number[] {
    return rows.filter((row) => this.hasChunks.get(row) === undefined);
  }

  sourceTexts(rows: readonly number[]): Array<{ row: number; channel: string; text: string }> {
    return rows.map((row) => this.sourceText.get(row)).filter((r) => r !== undefined);
  }

  replaceChunks(entries: ReadonlyArray<{ row: number; namespace: string; chunks: readonly Chunk[] }>): number[][] {
    return this.chunkTx(entries);
  }

  chunksOf(rows: readonly number[]): StoredChunk[] {
    return rows.flatMap((row) => this.chunksOfSource.all(row).map(chunkFromRow));
  }

  unembeddedChunks(rows: readonly number[], embedder: string): StoredChunk[] {
    return rows.flatMap((row) => this.unembeddedOfSource.all(row, embedder).map(chunkFromRow));
  }

  saveVectors(embedder: string, vectors: ReadonlyArray<{ id: number; vector: Float32Array }>): void {
    this.vectorTx(embedder, vectors);
  }

  embeddedChunks(namespacePrefix: string, embedder: string): StoredChunk[] {
    return this.byPrefix.all({ prefix: namespacePrefix, embedder }).map(chunkFromRow);
  }

  chunk(id: number): StoredChunk | undefined {
    const row = this.byId.get(id);
    return row ? chunkFromRow(row) : undefined;
  }

  createRun(run: PilotRunRecord): void {
    this.insertRun.run(runParams(run));
  }

  updateRun(run: PilotRunRecord): void {
    this.saveRun.run(runParams(run));
  }

  run(id: string): PilotRunRecord | undefined {
    const row = this.runById.get(id);
    return row ? runFromRow(row) : undefined;
  }

  recentRuns(tenant: string, limit: number): PilotRunRecord[] {
    return this.runsOf.all(tenant, limit).map(runFromRow);
  }

  failInterruptedRuns(now: number): number {
    return this.failRunning.run(now).changes;
  }
}
