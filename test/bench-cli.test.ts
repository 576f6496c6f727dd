import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from './temp-dir.js';

const tempDir = useTempDir();
const ROOT = join(import.meta.dirname, '..');

function bench(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { cwd: ROOT, env: {}, encoding: 'utf8' });
}

describe('npm run bench -- replay', () => {
  it('prints a readable table and, last, the JSON line other tools read', () => {
    const dir = tempDir();
    const csv = join(dir, 'tiny.csv');
    const rows = ['id,text,quality.small,quality.big,cost.small,cost.big'];
    for (let i = 0; i < 300; i++) {
      const maths = i % 3 === 0;
      rows.push(`${i},"${maths ? `what is ${i}*7?` : `tell me about topic ${i}`}",${maths ? 0 : 1},1,0.0001,0.002`);
    }
    writeFileSync(csv, rows.join('\n'));
    const run = bench(['replay', '--data', csv, '--policy', 'all', '--lambda', '50', '--seed', '3']);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^tiny \(λ = 50\): 300 rows, 2 arms/);
    expect(run.stdout).toMatch(/^default\s+0\.\d{4}/m);
    const json = JSON.parse(lines.at(-1)!) as Record<string, unknown> & { results: Array<Record<string, unknown>> };
    expect(Object.keys(json)).toEqual(['suite', 'dataset', 'lambda', 'rows', 'arms', 'uniform', 'bestArm', 'oracle', 'results']);
    expect(json).toMatchObject({ suite: 'replay', dataset: 'tiny', lambda: 50, rows: 300, arms: 2, bestArm: { name: 'big' } });
    expect(json.uniform).toBeCloseTo(((200 / 300 - 0.005) + (1 - 0.1)) / 2, 3);
    expect(json.results.map((r) => r['policy'])).toContain('default');
    for (const r of json.results) {
      expect(Object.keys(r)).toEqual(['policy', 'avgReward', 'avgQuality', 'avgCost', 'decisionsPerSec', 'p99Micros']);
      expect(r['decisionsPerSec']).toBeGreaterThan(0);
    }
    const byName = Object.fromEntries(json.results.map((r) => [r['policy'], r['avgReward'] as number]));
    // Big is best on average, but only needed for maths (a third of rows): the default learns to send the rest to small.
    expect(byName['default']).toBeGreaterThan(byName['uniform']! + 0.05);
  });

  it('names the problem when an argument is wrong', () => {
    const run = bench(['replay', '--lambda', 'abc', '--data', 'x.csv']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--lambda="abc" is not a number/);
    expect(bench(['nope']).stderr).toMatch(/suites: replay, demo, abtest, optimizer/);
  });
});
