import type { Config } from '../../config/index.js';
import { loadTable } from '../table/load-table.js';
import { tableContexts } from './contexts.js';
import { policyFactories } from './policies.js';
import { comparators, replay, type ReplayResult } from './replay.js';

export interface ReplayReport {
  suite: 'replay';
  dataset: string;
  lambda: number;
  rows: number;
  arms: number;
  uniform: number;
  bestArm: { name: string; avgReward: number };
  oracle: number;
  results: ReplayResult[];
  armNames: string[];
}

/** Replays the chosen policies over one table (one pass each, same contexts, same seed). */
export function runReplay(config: Config, path: string, options: { lambda: number; mu?: number; policies: string[]; seed: number }): ReplayReport {
  const table = loadTable(path, { lambda: options.lambda, mu: options.mu ?? 0 });
  const contexts = tableContexts(table);
  const factories = policyFactories(config);
  const shape = { arms: table.arms.length, dimensions: contexts[0]!.length, seed: options.seed };
  const c = comparators(table);
  return {
    suite: 'replay',
    dataset: table.name,
    lambda: options.lambda,
    rows: table.rows,
    arms: table.arms.length,
    uniform: c.uniform,
    bestArm: c.bestArm,
    oracle: c.oracle,
    results: options.policies.map((name) => {
      const make = factories[name];
      if (!make) throw new Error(`unknown policy "${name}": expected one of ${Object.keys(factories).join(', ')}, default or all`);
      return replay(name, table, contexts, make(shape));
    }),
    armNames: table.arms,
  };
}

export function policyNames(config: Config, choice: string): string[] {
  const all = Object.keys(policyFactories(config));
  return choice === 'all' ? all : choice.split(',');
}
