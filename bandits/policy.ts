import { sampleArm } from './sampler.js';
import type { Rng } from './rng.js';
import type { Context, Decision, Explorer, Learner } from './types.js';

/**
 * A policy is a learner (scores), an explorer (scores → probabilities) and the sampler
 * (probabilities → arm + propensity), composed like Vowpal Wabbit's reductions.
 */
export class Policy {
  constructor(
    readonly learner: Learner,
    readonly explorer: Explorer,
    private readonly rng: Rng,
  ) {}

  get arms(): number {
    return this.learner.arms;
  }

  select(x: Context): Decision {
    const scores = this.learner.scores(x, this.rng);
    const probabilities = this.explorer.probabilities(scores);
    const { arm, propensity } = sampleArm(probabilities, this.rng);
    return { arm, propensity, probabilities: Array.from(probabilities), scores: Array.from(scores) };
  }

  update(x: Context, arm: number, reward: number, propensity: number): void {
    if (!Number.isFinite(reward)) throw new RangeError(`reward must be finite, got ${reward}`);
    this.learner.learn(x, arm, reward, propensity);
  }
}
