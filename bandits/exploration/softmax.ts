import type { Explorer, ExplorerState } from '../types.js';
import { applyFloor } from './floor.js';

/**
 * Softmax (Boltzmann) exploration: p ∝ exp(score / τ), then mixed with the uniform
 * distribution so that every arm keeps at least `floor`. Unlike ε-greedy it explores arms in
 * proportion to how close they look, so a clearly bad arm is rarely tried; the floor is what
 * keeps it from vanishing from the logs altogether (off-policy evaluation divides by p).
 *
 * τ is in score units: with rewards in [0, 1], τ = 0.05 makes a 0.1 gap a factor e² ≈ 7.4.
 */
export interface SoftmaxOptions {
  /** Temperature τ > 0: small is greedy, large is uniform. */
  temperature: number;
  /** Minimum probability of every arm, in [0, 1/K] (default 0). */
  floor?: number;
}

export interface SoftmaxState extends ExplorerState {
  kind: 'softmax';
  temperature: number;
  floor: number;
}

export class Softmax implements Explorer {
  readonly kind = 'softmax';
  readonly temperature: number;
  readonly floor: number;

  constructor(options: SoftmaxOptions) {
    const { temperature, floor = 0 } = options;
    if (!(temperature > 0 && Number.isFinite(temperature))) {
      throw new RangeError(`temperature must be finite and > 0, got ${temperature}`);
    }
    if (!(floor >= 0 && floor <= 1)) throw new RangeError(`floor must be in [0, 1], got ${floor}`);
    this.temperature = temperature;
    this.floor = floor;
  }

  static fromState(state: SoftmaxState): Softmax {
    return new Softmax(state);
  }

  probabilities(scores: Float64Array): Float64Array {
    const k = scores.length;
    let best = -Infinity;
    for (let i = 0; i < k; i++) if (scores[i]! > best) best = scores[i]!;
    // Shifting by the maximum keeps every exponent ≤ 0: no overflow, and the best arm's term is 1.
    const out = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < k; i++) {
      const e = Math.exp((scores[i]! - best) / this.temperature);
      out[i] = e;
      total += e;
    }
    for (let i = 0; i < k; i++) out[i]! /= total;
    return applyFloor(out, this.floor);
  }

  toState(): SoftmaxState {
    return { kind: 'softmax', temperature: this.temperature, floor: this.floor };
  }
}
