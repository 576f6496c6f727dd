import { EpsilonGreedy } from '../../bandits/exploration/epsilon-greedy.js';
import { Softmax } from '../../bandits/exploration/softmax.js';
import { SquareCb } from '../../bandits/exploration/squarecb.js';
import { DrRegression } from '../../bandits/learners/dr-regression.js';
import { IwRegression } from '../../bandits/learners/iw-regression.js';
import { LinearTs } from '../../bandits/learners/linear-ts.js';
import { LinUcb } from '../../bandits/learners/linucb.js';
import { OffsetTree } from '../../bandits/learners/offset-tree.js';
import { Policy } from '../../bandits/policy.js';
import { Sfc32 } from '../../bandits/rng.js';
import type { Config } from '../../config/index.js';
import { buildRoutingPolicy } from '../../router/routing-policy.js';

export interface PolicyShape {
  arms: number;
  dimensions: number;
  seed: number;
}

/**
 * The policies the replay benchmark knows. `default` is the bot's own routing policy built from the
 * same config; the others are the library's other learners and explorers with textbook settings,
 * for comparison (not tuned per table).
 */
export function policyFactories(config: Config): Record<string, (shape: PolicyShape) => Policy> {
  const rng = (seed: number) => Sfc32.fromSeed(seed);
  const ridge = { lambda: 1 };
  return {
    default: ({ arms, dimensions, seed }) => buildRoutingPolicy(config.bandit, arms, dimensions, seed),
    'linucb': ({ arms, dimensions, seed }) =>
      new Policy(new LinUcb({ arms, dimensions, alpha: 1, ...ridge }), new EpsilonGreedy(0.02), rng(seed)),
    'linear-ts': ({ arms, dimensions, seed }) =>
      new Policy(new LinearTs({ arms, dimensions, v: 0.3, ...ridge }), new EpsilonGreedy(0.02), rng(seed)),
    'iw-squarecb': ({ arms, dimensions, seed }) =>
      new Policy(new IwRegression({ arms, dimensions, ...ridge }), new SquareCb({ gamma: 50 * arms, floor: 0.002 }), rng(seed)),
    'iw-softmax': ({ arms, dimensions, seed }) =>
      new Policy(new IwRegression({ arms, dimensions, ...ridge }), new Softmax({ temperature: 0.05, floor: 0.002 }), rng(seed)),
    'dr-egreedy': ({ arms, dimensions, seed }) =>
      new Policy(new DrRegression({ arms, dimensions, ...ridge }), new EpsilonGreedy(0.05), rng(seed)),
    'offset-tree': ({ arms, dimensions, seed }) =>
      new Policy(new OffsetTree({ arms, dimensions, ...ridge }), new EpsilonGreedy(0.05), rng(seed)),
    uniform: ({ arms, dimensions, seed }) =>
      new Policy(new IwRegression({ arms, dimensions, ...ridge }), new EpsilonGreedy(1), rng(seed)),
  };
}
