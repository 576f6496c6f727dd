import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function bench(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { cwd: ROOT, env: {}, encoding: 'utf8' });
}

describe('npm run bench -- pilot', () => {
  it('runs the pipeline core on a small planted corpus and ends with the JSON line', () => {
    const run = bench(['pilot', '--messages', '3000', '--topics', '8', '--seed', '2', '--queries', '200']);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^# pilot benchmark, .*3,000 messages .*8 planted topics, seed 2$/);
    expect(run.stdout).toMatch(/^total\s+\d+\.\d{3}/m);
    const json = JSON.parse(lines.at(-1)!) as Record<string, unknown> & { steps_s: Record<string, number> };
    expect(Object.keys(json)).toEqual([
      'bench', 'messages', 'deliveries', 'chunks', 'seed', 'steps_s', 'total_s', 'cpu_s', 'k', 'planted_topics', 'ari',
      'retrieval_p50_ms', 'retrieval_p99_ms', 'retrieval_on_topic', 'dense_query_p50_ms', 'dense_query_p99_ms', 'passage_top1', 'machine', 'date',
    ]);
    expect(json).toMatchObject({ bench: 'pilot', messages: 3000, planted_topics: 8, seed: 2, passage_top1: true });
    expect(Object.keys(json.steps_s)).toEqual(['ingest', 'segment', 'embed', 'cluster', 'keywords', 'index']);
    expect(json['deliveries']).toBeGreaterThan(3000);
    expect(json['chunks']).toBeGreaterThanOrEqual(3000);
    expect(json['ari']).toBeGreaterThanOrEqual(0.8);
    expect(json['k']).toBe(8);
    expect(json['retrieval_p99_ms']).toBeGreaterThanOrEqual(json['retrieval_p50_ms'] as number);
    expect(json['total_s']).toBeCloseTo(Object.values(json.steps_s).reduce((s, v) => s + v, 0), 2);
  });

  it('names a bad argument', () => {
    const run = bench(['pilot', '--messages', 'lots']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--messages="lots" is not valid/);
  });
});
