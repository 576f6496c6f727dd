import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../test/temp-dir.js';
import { syntheticTable } from './replay/synthetic-table.js';
import type { Table } from './table/load-table.js';

const tempDir = useTempDir();
const ROOT = join(import.meta.dirname, '..');

function bench(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { cwd: ROOT, env: {}, encoding: 'utf8' });
}

/** The seeded classification table as a FORMAT.md CSV, with a cost per arm so the cost columns are exercised. */
function writeCsv(table: Table, path: string): void {
  const header = [...table.numericNames, ...table.arms.map((a) => `quality.${a}`), ...table.arms.map((a) => `cost.${a}`)];
  const lines = [header.join(',')];
  for (let i = 0; i < table.rows; i++) {
    const quality = table.arms.map((_, a) => String(table.reward[i * table.arms.length + a]));
    const cost = table.arms.map((_, a) => String(0.001 * (a + 1)));
    lines.push([...Array.from(table.numeric[i]!, (v) => v.toFixed(3)), ...quality, ...cost].join(','));
  }
  writeFileSync(path, lines.join('\n'));
}

describe('npm run bench -- autotune', () => {
  it('tunes on the log, replays both policies on the held-out rows, and ends with the JSON line', () => {
    const csv = join(tempDir(), 'blobs.csv');
    writeCsv(syntheticTable('blobs', 600, 3, 4, 11), csv);
    const run = bench(['autotune', '--data', csv, '--trials', '8', '--seed', '2', '--split', '0.4', '--replays', '2', '--lambda', '10']);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^blobs \(λ = 10\): 600 rows, 3 arms · log = first 240 rows/);
    expect(run.stdout).toMatch(/^held-out avg reward\s+\d\.\d{4}\s+\d\.\d{4}$/m);
    const json = JSON.parse(lines.at(-1)!) as Record<string, unknown> & Record<'default' | 'tuned', Record<string, unknown>>;
    expect(json).toMatchObject({
      bench: 'autotune', data: 'blobs.csv', lambda: 10, mu: 0, trials: 8, seed: 2, split: 0.4, start: 'warm', replays: 2,
      sampler: 'gp-ei', score: 'lower', clip: null, rows: { log: 240, heldout: 360 },
    });
    const thetaKeys = ['ridgeLambda', 'epsilon', 'epsilonFloor', 'alpha', 'driftRate', 'driftDecay'];
    for (const side of [json.default, json.tuned]) {
      for (const key of [...thetaKeys, 'objective', 'objective_exact', 'onpolicy_log_reward', 'heldout_reward', 'heldout_quality', 'heldout_cost']) expect(typeof side[key], key).toBe('number');
      const [lo, hi] = side['objective_ci'] as number[];
      expect(lo).toBeLessThanOrEqual(side['objective'] as number);
      expect(hi).toBeGreaterThanOrEqual(side['objective'] as number);
    }
    // Production defaults (the test runs with an empty environment).
    expect(json.default).toMatchObject({ ridgeLambda: 10, epsilon: 0.05, epsilonFloor: 0.01, alpha: 0 });
    expect(typeof json.tuned['from_default']).toBe('boolean');
    // The tuner only recommends what scores at least as well as the default (by the lower bound).
    const lower = (side: Record<string, unknown>) => (side['objective_ci'] as number[])[0]!;
    expect(lower(json.tuned)).toBeGreaterThanOrEqual(lower(json.default));
    const gain = json['gain'] as number;
    const [gLo, gHi] = json['gain_ci'] as number[];
    expect(gain).toBeCloseTo((json.tuned['heldout_reward'] as number) - (json.default['heldout_reward'] as number), 3);
    expect(gLo).toBeLessThanOrEqual(gain);
    expect(gHi).toBeGreaterThanOrEqual(gain);
    const [oLo, oHi] = json['ope_gain_ci'] as number[];
    expect(oLo).toBeLessThanOrEqual(json['ope_gain'] as number);
    expect(oHi).toBeGreaterThanOrEqual(json['ope_gain'] as number);
    expect(json['ope_gain_exact']).toBeCloseTo((json.tuned['objective_exact'] as number) - (json.default['objective_exact'] as number), 3);
    expect(typeof json['machine']).toBe('string');
    expect(Number.isNaN(Date.parse(json['date'] as string))).toBe(false);
  });

  it('names the problem when an argument is wrong', () => {
    const split = bench(['autotune', '--data', 'x.csv', '--split', '1.5']);
    expect(split.status).toBe(2);
    expect(split.stderr).toMatch(/--split="1.5" is not a share strictly between 0 and 1/);
    // Each run starts a process (seconds on a busy machine), so one more case is enough.
    expect(bench(['autotune', '--start', 'hot', '--data', 'x.csv']).stderr).toMatch(/--start="hot" is not warm or fresh/);
  });
});
