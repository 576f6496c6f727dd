import type { Explorer, ExplorerState } from '../types.js';

/**
 * ε-greedy over scores: the best arm (ties split evenly) gets 1 − ε, and ε is spread uniformly,
 * so every arm keeps a propensity of at least ε / K — the floor that keeps logs usable for
 * off-policy evaluation.
 */
export class EpsilonGreedy implements Explorer {
  readonly kind = 'epsilon-greedy';

  constructor(readonly epsilon: number) {
    if (!(epsilon >= 0 && epsilon <= 1)) throw new RangeError(`epsilon must be in [0, 1], got ${epsilon}`);
  }

  probabilities(scores: Float64Array): Float64Array {
    return EpsilonGreedy.distribution(scores, this.epsilon);
  }

  static distribution(scores: Float64Array, epsilon: number): Float64Array {
    const k = scores.length;
    let best = -Infinity;
    for (let i = 0; i < k; i++) if (scores[i]! > best) best = scores[i]!;
    // Scores within a relative 1e-12 of the best are ties: floating-point noise must not pick a winner.
    const tolerance = 1e-12 * Math.max(1, Math.abs(best));
    let ties = 0;
    for (let i = 0; i < k; i++) if (best - scores[i]! <= tolerance) ties++;
    const out = new Float64Array(k).fill(epsilon / k);
    const share = (1 - epsilon) / ties;
    for (let i = 0; i < k; i++) if (best - scores[i]! <= tolerance) out[i]! += share;
    return out;
  }

  toState(): ExplorerState {
    return { kind: this.kind, epsilon: this.epsilon };
  }
}
