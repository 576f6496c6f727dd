import type { Explorer, ExplorerState } from '../types.js';
import { EpsilonGreedy } from './epsilon-greedy.js';

/**
 * ε-greedy whose ε starts at `initial` and decays as ε_t = initial·√(τ / (τ + t)) with the number
 * of updates t, down to `floor`, where it stays: explore while the policy knows little, then keep a
 * floor so every arm's propensity stays at least floor / K and logs remain usable for off-policy
 * evaluation. The step count is state: it is saved and restored with the policy.
 */
export interface EpsilonScheduleOptions {
  initial: number;
  floor: number;
  /** Updates after which ε has fallen to initial / √2. */
  halfLife?: number;
  step?: number;
}

export class EpsilonSchedule implements Explorer {
  readonly kind = 'epsilon-schedule';
  readonly initial: number;
  readonly floor: number;
  readonly halfLife: number;
  private step: number;

  constructor(options: EpsilonScheduleOptions) {
    const { initial, floor } = options;
    if (!(floor >= 0 && floor <= initial && initial <= 1)) {
      throw new RangeError(`need 0 <= floor <= initial <= 1, got floor ${floor}, initial ${initial}`);
    }
    this.initial = initial;
    this.floor = floor;
    this.halfLife = options.halfLife ?? 25;
    this.step = options.step ?? 0;
  }

  get epsilon(): number {
    return Math.max(this.floor, this.initial * Math.sqrt(this.halfLife / (this.halfLife + this.step)));
  }

  probabilities(scores: Float64Array): Float64Array {
    return EpsilonGreedy.distribution(scores, this.epsilon);
  }

  observe(): void {
    this.step++;
  }

  toState(): ExplorerState {
    return { kind: this.kind, initial: this.initial, floor: this.floor, halfLife: this.halfLife, step: this.step };
  }
}
