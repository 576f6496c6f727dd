import { Sfc32, type Rng } from './rng.js';
import { sampleArm } from './sampler.js';
import type { Context, Decision, Explorer, ExplorerState, Learner, LearnerState } from './types.js';

/** Everything needed to rebuild a policy that continues exactly where this one stopped. */
export interface PolicyState {
  learner: LearnerState;
  explorer: ExplorerState;
  rng: number[];
}

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

  /** True when two copies trained on different traffic merge into exactly one pass (ridge statistics add up). */
  get mergeable(): boolean {
    return typeof this.learner.merge === 'function' && this.learner.mergeExact !== false;
  }

  /**
   * `available` (optional) masks arms that cannot be used right now (e.g. a provider cooling down):
   * their probability goes to 0 and the rest is renormalized, so the logged propensity is the true
   * chance of the arm that was drawn. With every arm masked, the mask is ignored.
   */
  select(x: Context, available?: readonly boolean[]): Decision {
    const scores = this.learner.scores(x, this.rng);
    const probabilities = this.explorer.probabilities(scores);
    if (available) mask(probabilities, available);
    const { arm, propensity } = sampleArm(probabilities, this.rng);
    // Plain loops: Array.from on typed arrays costs microseconds per call on this hot path.
    const k = scores.length;
    const p = new Array<number>(k);
    const s = new Array<number>(k);
    for (let i = 0; i < k; i++) {
      p[i] = probabilities[i]!;
      s[i] = scores[i]!;
    }
    return { arm, propensity, probabilities: p, scores: s };
  }

  update(x: Context, arm: number, reward: number, propensity: number): void {
    if (!Number.isFinite(reward)) throw new RangeError(`reward must be finite, got ${reward}`);
    if (!(propensity > 0 && propensity <= 1)) throw new RangeError(`propensity must be in (0, 1], got ${propensity}`);
    this.learner.learn(x, arm, reward, propensity);
    this.explorer.observe?.();
  }

  merge(other: PolicyState): void {
    if (!this.learner.merge || !this.mergeable) throw new TypeError(`${this.learner.kind} statistics cannot be merged exactly`);
    this.learner.merge(other.learner);
  }

  toState(): PolicyState {
    return { learner: this.learner.toState(), explorer: this.explorer.toState(), rng: this.rng.state() };
  }
}

function mask(p: Float64Array, available: readonly boolean[]): void {
  let kept = 0;
  for (let i = 0; i < p.length; i++) if (available[i] !== false) kept += p[i]!;
  if (kept <= 0) return;
  for (let i = 0; i < p.length; i++) p[i] = available[i] === false ? 0 : p[i]! / kept;
}

/** How each kind of learner and explorer is rebuilt from its state (bandits/registry.ts fills these). */
export interface PolicyRegistry {
  learners: Record<string, (state: LearnerState) => Learner>;
  explorers: Record<string, (state: ExplorerState) => Explorer>;
}

export function restorePolicy(state: PolicyState, registry: PolicyRegistry): Policy {
  const learner = registry.learners[state.learner.kind];
  const explorer = registry.explorers[state.explorer.kind];
  if (!learner) throw new TypeError(`unknown learner kind "${state.learner.kind}"`);
  if (!explorer) throw new TypeError(`unknown explorer kind "${state.explorer.kind}"`);
  return new Policy(learner(state.learner), explorer(state.explorer), new Sfc32(state.rng));
}
