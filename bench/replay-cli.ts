import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config/index.js';
import { fixed, machineLine, round, textTable } from './format.js';
import { renderReplayResults } from './replay/replay-results.js';
import { policyNames, runReplay, type ReplayReport } from './replay/run-replay.js';
import { readHeader } from './table/load-table.js';
import { tableContexts } from './replay/contexts.js';
import { policyFactories } from './replay/policies.js';
import { replay } from './replay/replay.js';
import { syntheticTable } from './replay/synthetic-table.js';

const HELP = `npm run bench -- replay --data <table.csv> [--policy <name>|default|all] [--lambda L] [--mu M] [--seed N]
npm run bench -- replay --all [--dir ../shared/data] [--out bench/results] [--seed N]`;

/** `npm run bench -- replay …`: FORMAT.md's replay protocol, a readable table, then one JSON line. */
export function replayCommand(argv: string[], config: Config, repoRoot: string): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' }, policy: { type: 'string', default: 'default' }, lambda: { type: 'string', default: '0' },
      mu: { type: 'string', default: '0' }, seed: { type: 'string', default: '1' }, all: { type: 'boolean', default: false },
      dir: { type: 'string' }, out: { type: 'string' },
    },
  });
  const seed = Number(values.seed);
  const numbers = { lambda: Number(values.lambda), mu: Number(values.mu) };
  for (const [name, v] of Object.entries({ ...numbers, seed })) {
    if (!Number.isFinite(v)) throw new Error(`--${name}="${String(values[name as keyof typeof values])}" is not a number.\n${HELP}`);
  }
  if (values.all) return replayAll(config, values.dir ?? join(repoRoot, '..', 'shared', 'data'), values.out ?? join(repoRoot, 'bench', 'results'), seed);
  if (!values.data) throw new Error(`--data is required.\n${HELP}`);
  const report = runReplay(config, values.data, { ...numbers, policies: policyNames(config, values.policy), seed });
  console.log(describe(report));
  console.log(JSON.stringify(toJson(report)));
}

function replayAll(config: Config, dir: string, out: string, seed: number): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
  if (files.length === 0) throw new Error(`no .csv tables in ${dir}`);
  const reports: ReplayReport[] = [];
  for (const file of files) {
    const path = join(dir, file);
    const lambdas = hasCost(path) ? [0, 50] : [0];
    for (const lambda of lambdas) {
      const report = runReplay(config, path, { lambda, policies: policyNames(config, 'all'), seed });
      console.log(`${describe(report)}\n`);
      reports.push(report);
    }
  }
  const speed = shapeSpeed(config, seed);
  console.log(`Speed of the default policy on the issue's shapes (select + update, in process, median of ${SPEED_RUNS} runs):\n${textTable(
    ['shape', 'rows', 'arms', 'features', 'decisions/s', 'p99 µs'],
    speed.map((s) => [s.shape, String(s.rows), String(s.arms), String(s.features), Math.round(s.decisionsPerSec).toLocaleString('en-US'), fixed(s.p99Micros, 1)]),
  )}\n`);
  mkdirSync(out, { recursive: true });
  const { markdown, png } = renderReplayResults(reports, machineLine(), speed);
  writeFileSync(join(out, 'replay.md'), markdown);
  writeFileSync(join(out, 'replay.png'), png);
  console.log(`Wrote ${join(out, 'replay.md')} and ${join(out, 'replay.png')}`);
  console.log(JSON.stringify({
    suite: 'replay', all: true, seed, tables: reports.map(toJson),
    speed: speed.map((s) => ({ ...s, decisionsPerSec: Math.round(s.decisionsPerSec), p99Micros: round(s.p99Micros, 2) })),
  }));
}

export interface ShapeSpeed {
  shape: string;
  rows: number;
  arms: number;
  features: number;
  decisionsPerSec: number;
  p99Micros: number;
}

const SPEED_RUNS = 7;

/**
 * The speed shapes: shuttle's (58,000 × 7 arms × 9 features) and UCI letter's (20,000 × 26 × 16),
 * as seeded synthetic tables so the figure does not depend on which files are at hand. Each is replayed
 * SPEED_RUNS times with a fresh policy and the medians are reported: these machines are noisy.
 */
function shapeSpeed(config: Config, seed: number): ShapeSpeed[] {
  const shapes: Array<[string, number, number, number]> = [['shuttle-shaped', 58_000, 7, 9], ['letter-shaped', 20_000, 26, 16]];
  return shapes.map(([shape, rows, arms, features]) => {
    const table = syntheticTable(shape, rows, arms, features, seed);
    const contexts = tableContexts(table);
    const runs = Array.from({ length: SPEED_RUNS }, () =>
      replay('default', table, contexts, policyFactories(config)['default']!({ arms, dimensions: contexts[0]!.length, seed })));
    return {
      shape, rows, arms, features,
      decisionsPerSec: median(runs.map((r) => r.decisionsPerSec)),
      p99Micros: median(runs.map((r) => r.p99Micros)),
    };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Tables with costs are replayed at λ = 0 and λ = 50 (the two settings); others at 0. */
function hasCost(path: string): boolean {
  return readHeader(path).some((column) => column.startsWith('cost.'));
}

function describe(r: ReplayReport): string {
  const head = `${r.dataset} (λ = ${r.lambda}): ${r.rows} rows, ${r.arms} arms · uniform ${fixed(r.uniform)} · ` +
    `best single arm ${r.bestArm.name} ${fixed(r.bestArm.avgReward)} · oracle ${fixed(r.oracle)}`;
  const rows = r.results.map((p) => [
    p.policy, fixed(p.avgReward, 4), fixed(p.avgQuality), fixed(p.avgCost, 6),
    p.shares.map((s, a) => `${r.armNames[a]} ${(100 * s).toFixed(0)}%`).slice(0, 4).join(' ') + (p.shares.length > 4 ? ' …' : ''),
    Math.round(p.decisionsPerSec).toLocaleString('en-US'), fixed(p.p99Micros, 1),
  ]);
  return `${head}\n${textTable(['policy', 'avg reward', 'quality', 'cost', 'arm shares', 'decisions/s', 'p99 µs'], rows)}`;
}

function toJson(r: ReplayReport) {
  return {
    suite: 'replay', dataset: r.dataset, lambda: r.lambda, rows: r.rows, arms: r.arms,
    uniform: round(r.uniform), bestArm: { name: r.bestArm.name, avgReward: round(r.bestArm.avgReward) }, oracle: round(r.oracle),
    results: r.results.map((p) => ({
      policy: p.policy, avgReward: round(p.avgReward), avgQuality: p.avgQuality === null ? null : round(p.avgQuality),
      avgCost: p.avgCost === null ? null : round(p.avgCost, 8), decisionsPerSec: Math.round(p.decisionsPerSec), p99Micros: round(p.p99Micros, 2),
    })),
  };
}
