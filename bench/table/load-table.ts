import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { parseCsv } from './csv.js';

/**
 * A full-feedback table (../shared/bench/FORMAT.md): per row the features the policy may see
 * (`text`, `x.*`) and, per arm, the reward it would have earned, plus quality and cost when given.
 */
export interface Table {
  name: string;
  arms: string[];
  rows: number;
  /** `x.*` column names, in file order. */
  numericNames: string[];
  /** Per row: the `x.*` values (NaN where empty). */
  numeric: Float64Array[];
  /** Per row: the request text, when the table has a `text` column. */
  text: string[] | undefined;
  /** rows × arms, row-major. */
  reward: Float64Array;
  quality: Float64Array | undefined;
  cost: Float64Array | undefined;
}

export interface RewardParameters {
  /** Reward lost per unit of cost (λ). */
  lambda: number;
  /** Reward lost per second of latency (μ). */
  mu: number;
}

export function loadTable(path: string, params: RewardParameters): Table {
  return tableFromCsv(basename(path).replace(/\.csv$/, ''), readFileSync(path, 'utf8'), params);
}

export function tableFromCsv(name: string, csv: string, { lambda, mu }: RewardParameters): Table {
  const { header, rows } = parseCsv(csv);
  const arms: string[] = [];
  for (const column of header) {
    const m = /^(reward|quality|cost|latency)\.(.+)$/.exec(column);
    if (m && !arms.includes(m[2]!)) arms.push(m[2]!);
  }
  if (arms.length < 2) throw new Error(`${name}: a table needs at least two arms (reward.<arm>, quality.<arm> or cost.<arm> columns)`);
  const col = (c: string) => header.indexOf(c);
  const numericNames = header.filter((h) => h.startsWith('x.'));
  const numericCols = numericNames.map(col);
  const textCol = col('text');
  const k = arms.length;
  const n = rows.length;
  const reward = new Float64Array(n * k);
  const hasQuality = arms.some((a) => col(`quality.${a}`) >= 0);
  const hasCost = arms.some((a) => col(`cost.${a}`) >= 0);
  const quality = hasQuality ? new Float64Array(n * k) : undefined;
  const cost = hasCost ? new Float64Array(n * k) : undefined;
  const value = (row: string[], column: number, fallback: number) => {
    if (column < 0 || row[column] === '') return fallback;
    const v = Number(row[column]);
    if (!Number.isFinite(v)) throw new Error(`${name}: "${row[column]}" in column ${header[column]} is not a number`);
    return v;
  };
  const numeric = rows.map((row) => Float64Array.from(numericCols, (c) => (row[c] === '' ? Number.NaN : Number(row[c]))));
  rows.forEach((row, i) => {
    arms.forEach((arm, a) => {
      const q = value(row, col(`quality.${arm}`), 0);
      const c = value(row, col(`cost.${arm}`), 0);
      const l = value(row, col(`latency.${arm}`), 0);
      if (quality) quality[i * k + a] = q;
      if (cost) cost[i * k + a] = c;
      const rewardColumn = col(`reward.${arm}`);
      reward[i * k + a] = rewardColumn >= 0 ? value(row, rewardColumn, 0) : q - lambda * c - mu * l;
    });
  });
  return {
    name, arms, rows: n, numericNames, numeric,
    text: textCol >= 0 ? rows.map((r) => r[textCol]!) : undefined,
    reward, quality, cost,
  };
}

/** The header row alone, without reading a large table whole. */
export function readHeader(path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, n).toString('utf8');
    return (text.split(/\r?\n/, 1)[0] ?? '').split(',');
  } finally {
    closeSync(fd);
  }
}
