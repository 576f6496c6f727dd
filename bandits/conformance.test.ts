import { describe, expect, it } from 'vitest';
import { EpsilonGreedy } from './exploration/epsilon-greedy.js';
import { Softmax } from './exploration/softmax.js';
import { SquareCb } from './exploration/squarecb.js';
import { DrRegression } from './learners/dr-regression.js';
import { IwRegression } from './learners/iw-regression.js';
import { LinearTs } from './learners/linear-ts.js';
import { LinUcb } from './learners/linucb.js';
import { OffsetTree } from './learners/offset-tree.js';
import { RecursiveRidge } from './learners/recursive-ridge.js';
import { EpsilonSchedule } from './exploration/epsilon-schedule.js';
import { Policy, restorePolicy } from './policy.js';
import { REGISTRY } from './registry.js';
import { Sfc32 } from './rng.js';
import { OnlineStandardizer } from './transforms/online-standardizer.js';
import { pairwiseInteractions } from './transforms/pairwise-interactions.js';
import { TransformedLearner } from './transforms/transformed-learner.js';
import type { Explorer, Learner } from './types.js';

// A small synthetic problem: 4 arms, x = [1, u1..u4] with u uniform in [−1, 1]. Arm a pays
// 0.5 + 0.2·(s1·u1 + s2·u2) + 0.05·u3 + noise, signs (s1, s2) one quadrant per arm, so the best
// arm is the quadrant of (u1, u2): linear per arm, and linearly separable for a tree too.
const ARMS = 4;
const DIMS = 5;
const SIGNS = [
  [-1, -1],
  [-1, 1],
  [1, -1],
  [1, 1],
] as const;

function context(world: Sfc32): number[] {
  const x = [1];
  for (let i = 1; i < DIMS; i++) x.push(2 * world.next() - 1);
  return x;
}

function meanReward(x: readonly number[], arm: number): number {
  const [s1, s2] = SIGNS[arm]!;
  return 0.5 + 0.2 * (s1 * x[1]! + s2 * x[2]!) + 0.05 * x[3]!;
}

function reward(x: readonly number[], arm: number, world: Sfc32): number {
  return meanReward(x, arm) + 0.2 * (world.next() - 0.5);
}

interface Config {
  name: string;
  /** The smallest probability the explorer promises to every arm. */
  floor: number;
  mergeable: boolean;
  make(seed: number): Policy;
}

const linucb = () => new LinUcb({ arms: ARMS, dimensions: DIMS, alpha: 0.3, lambda: 1 });
const iw = () => new IwRegression({ arms: ARMS, dimensions: DIMS, lambda: 1 });
const dr = () => new DrRegression({ arms: ARMS, dimensions: DIMS, lambda: 1 });
const greedy = () => new EpsilonGreedy(0.1);
const softmax = () => new Softmax({ temperature: 0.05, floor: 0.02 });
const squarecb = () => new SquareCb({ gamma: 40, floor: 0.01 });
const policy = (learner: () => Learner, explorer: () => Explorer) => (seed: number) =>
  new Policy(learner(), explorer(), Sfc32.fromSeed(seed));

const CONFIGS: Config[] = [
  {
    // The router's default: greedy recursive ridge with the recency correction, ε schedule to its floor.
    name: 'recursive ridge + ε schedule (the bot’s default)',
    floor: 0.01 / ARMS,
    mergeable: false,
    make: policy(() => new RecursiveRidge({ arms: ARMS, dimensions: DIMS, lambda: 10 }), () => new EpsilonSchedule({ initial: 0.2, floor: 0.01, halfLife: 50 })),
  },
  {
    name: 'recursive ridge without recency correction + ε-greedy',
    floor: 0.025,
    mergeable: true,
    make: policy(() => new RecursiveRidge({ arms: ARMS, dimensions: DIMS, lambda: 1, driftRate: 0 }), greedy),
  },
  {
    name: 'recursive ridge with a UCB bonus + ε-greedy',
    floor: 0.025,
    mergeable: true,
    make: policy(() => new RecursiveRidge({ arms: ARMS, dimensions: DIMS, lambda: 1, alpha: 0.3, driftRate: 0 }), greedy),
  },
  { name: 'LinUCB + ε-greedy', floor: 0.025, mergeable: true, make: policy(linucb, greedy) },
  {
    name: 'LinUCB + ε-greedy, standardized + interactions',
    floor: 0.025,
    mergeable: false,
    make: policy(
      () =>
        new TransformedLearner(new LinUcb({ arms: ARMS, dimensions: 15, alpha: 0.3, lambda: 1 }), [
          new OnlineStandardizer(DIMS, { passthrough: [0], freezeAfter: 100 }),
          pairwiseInteractions(DIMS, { excludeBias: true }),
        ]),
      greedy,
    ),
  },
  {
    name: 'LinUCB + ε-greedy, interactions',
    floor: 0.025,
    mergeable: true,
    make: policy(
      () =>
        new TransformedLearner(new LinUcb({ arms: ARMS, dimensions: 15, alpha: 0.3, lambda: 1 }), [
          pairwiseInteractions(DIMS, { excludeBias: true }),
        ]),
      greedy,
    ),
  },
  {
    name: 'linear TS + ε-greedy floor',
    floor: 0.01,
    mergeable: true,
    make: policy(() => new LinearTs({ arms: ARMS, dimensions: DIMS, v: 0.1, lambda: 1 }), () => new EpsilonGreedy(0.04)),
  },
  { name: 'IW regression + ε-greedy', floor: 0.025, mergeable: true, make: policy(iw, greedy) },
  { name: 'IW regression + softmax', floor: 0.02, mergeable: true, make: policy(iw, softmax) },
  { name: 'IW regression + SquareCB', floor: 0.01, mergeable: true, make: policy(iw, squarecb) },
  { name: 'DR regression + ε-greedy', floor: 0.025, mergeable: false, make: policy(dr, greedy) },
  { name: 'DR regression + softmax', floor: 0.02, mergeable: false, make: policy(dr, softmax) },
  { name: 'DR regression + SquareCB', floor: 0.01, mergeable: false, make: policy(dr, squarecb) },
  {
    name: 'offset tree + ε-greedy',
    floor: 0.025,
    mergeable: false,
    make: policy(() => new OffsetTree({ arms: ARMS, dimensions: DIMS, lambda: 1 }), greedy),
  },
  {
    name: 'offset tree + SquareCB',
    floor: 0.01,
    mergeable: false,
    make: policy(() => new OffsetTree({ arms: ARMS, dimensions: DIMS, lambda: 1 }), squarecb),
  },
];

/** Plays `steps` rounds of the synthetic problem, learning as it goes. */
function play(p: Policy, steps: number, world: Sfc32): void {
  for (let i = 0; i < steps; i++) {
    const x = context(world);
    const d = p.select(x);
    p.update(x, d.arm, reward(x, d.arm, world), d.propensity);
  }
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(tolerance);
}

function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
  return best;
}

describe.each(CONFIGS)('$name', (config) => {
  it('gives a distribution that sums to 1 and respects the floor', () => {
    const p = config.make(1);
    const world = Sfc32.fromSeed(101);
    for (let i = 0; i < 300; i++) {
      const x = context(world);
      const d = p.select(x);
      expect(Math.abs(d.probabilities.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-9);
      for (const v of d.probabilities) expect(v).toBeGreaterThanOrEqual(config.floor - 1e-12);
      expect(d.propensity).toBe(d.probabilities[d.arm]);
      p.update(x, d.arm, reward(x, d.arm, world), d.propensity);
    }
  });

  it('draws arms with the frequencies of its probabilities', () => {
    const p = config.make(2);
    play(p, 300, Sfc32.fromSeed(102));
    const x = [1, 0.1, -0.05, 0.3, 0.2];
    const n = 20_000;
    const counts = new Array<number>(ARMS).fill(0);
    // Thompson sampling redraws its scores each time: compare with the mean probability.
    const mean = new Array<number>(ARMS).fill(0);
    for (let i = 0; i < n; i++) {
      const d = p.select(x);
      counts[d.arm]!++;
      d.probabilities.forEach((v, a) => (mean[a]! += v / n));
    }
    mean.forEach((q, a) => {
      const se = Math.sqrt((q * (1 - q)) / n);
      expect(Math.abs(counts[a]! / n - q)).toBeLessThanOrEqual(4.5 * se + 1e-12);
    });
  });

  it('replays the same decisions from the same seed while learning', () => {
    const a = config.make(3);
    const b = config.make(3);
    const worldA = Sfc32.fromSeed(103);
    const worldB = Sfc32.fromSeed(103);
    for (let i = 0; i < 200; i++) {
      const x = context(worldA);
      expect(context(worldB)).toEqual(x);
      const da = a.select(x);
      expect(b.select(x)).toEqual(da);
      const r = reward(x, da.arm, worldA);
      a.update(x, da.arm, r, da.propensity);
      b.update(x, da.arm, reward(x, da.arm, worldB), da.propensity);
    }
  });

  it('continues identically after a JSON round trip of its state', () => {
    const original = config.make(4);
    const world = Sfc32.fromSeed(104);
    play(original, 300, world);
    const copy = restorePolicy(JSON.parse(JSON.stringify(original.toState())), REGISTRY);
    expect(copy.learner.kind).toBe(original.learner.kind);
    expect(copy.explorer.toState()).toEqual(original.explorer.toState());
    for (let i = 0; i < 200; i++) {
      const x = context(world);
      const d = original.select(x);
      const e = copy.select(x);
      expect(e.arm).toBe(d.arm);
      expectClose(e.scores, d.scores, 1e-9);
      expectClose(e.probabilities, d.probabilities, 1e-9);
      const r = reward(x, d.arm, world);
      original.update(x, d.arm, r, d.propensity);
      copy.update(x, e.arm, r, e.propensity);
    }
  });

  it(`reports mergeable = ${config.mergeable} and merges exactly when it is`, () => {
    const whole = config.make(5);
    const first = config.make(5);
    const second = config.make(5);
    expect(whole.mergeable).toBe(config.mergeable);
    const world = Sfc32.fromSeed(105);
    for (let i = 0; i < 400; i++) {
      const x = context(world);
      const arm = Math.floor(world.next() * ARMS);
      const r = reward(x, arm, world);
      whole.update(x, arm, r, 1 / ARMS);
      (i < 200 ? first : second).update(x, arm, r, 1 / ARMS);
    }
    const other = JSON.parse(JSON.stringify(second.toState()));
    if (!config.mergeable) {
      expect(() => first.merge(other)).toThrow(/cannot be merged/);
      return;
    }
    first.merge(other);
    for (let i = 0; i < 20; i++) {
      const x = context(world);
      expectClose(first.learner.scores(x, Sfc32.fromSeed(i)), whole.learner.scores(x, Sfc32.fromSeed(i)), 1e-9);
    }
  });

  it('learns the best arm of each context region', () => {
    const p = config.make(6);
    const world = Sfc32.fromSeed(106);
    play(p, 2000, world);
    const rng = Sfc32.fromSeed(7);
    let right = 0;
    const trials = 500;
    for (let i = 0; i < trials; i++) {
      const x = context(world);
      const chosen = argmax(p.learner.scores(x, rng));
      const best = argmax(SIGNS.map((_, a) => meanReward(x, a)));
      if (chosen === best) right++;
    }
    expect(right / trials).toBeGreaterThanOrEqual(0.8);
  });
});
