import type { Explorer, ExplorerState } from '../types.js';
import { applyFloor } from './floor.js';

/**
 * SquareCB (Foster & Rakhlin, 2020): inverse gap weighting of a regression oracle's
 * predictions. With b the best arm, every other arm gets pₐ = 1 / (K + γ·(ŷ_b − ŷₐ)) and b
 * takes the rest; scores here are rewards, so the gap is score_b − scoreₐ ≥ 0. An arm's
 * exploration falls off with how much worse it looks, and γ sets how fast (the paper's
 * γ ∝ √(K·T) balances regret against the oracle's square loss; in practice it is tuned).
 *
 * Arms tied with the best (relative 1e-12, as in ε-greedy) share what the others leave, so
 * tied arms are treated alike; with a single best arm this is exactly the paper's rule, and
 * every tied arm still gets at least 1/K. An optional floor is mixed in after.
 */
export interface SquareCbOptions {
  /** Learning-rate-like γ ≥ 0 in 1/(score units): 0 is uniform, large is greedy. */
  gamma: number;
  /** Minimum probability of every arm, in [0, 1/K] (default 0). */
  floor?: number;
}

export interface SquareCbState extends ExplorerState {
  kind: 'squarecb';
  gamma: number;
  floor: number;
}

export class SquareCb implements Explorer {
  readonly kind = 'squarecb';
  readonly gamma: number;
  readonly floor: number;

  constructor(options: SquareCbOptions) {
    const { gamma, floor = 0 } = options;
    if (!(gamma >= 0 && Number.isFinite(gamma))) throw new RangeError(`gamma must be finite and >= 0, got ${gamma}`);
    if (!(floor >= 0 && floor <= 1)) throw new RangeError(`floor must be in [0, 1], got ${floor}`);
    this.gamma = gamma;
    this.floor = floor;
  }

  static fromState(state: SquareCbState): SquareCb {
    return new SquareCb(state);
  }

  probabilities(scores: Float64Array): Float64Array {
    const k = scores.length;
    let best = -Infinity;
    for (let i = 0; i < k; i++) if (scores[i]! > best) best = scores[i]!;
    const tolerance = 1e-12 * Math.max(1, Math.abs(best));
    const out = new Float64Array(k);
    let others = 0;
    let ties = 0;
    for (let i = 0; i < k; i++) {
      const gap = best - scores[i]!;
      if (gap <= tolerance) {
        ties++;
        continue;
      }
      const p = 1 / (k + this.gamma * gap);
      out[i] = p;
      others += p;
    }
    const share = (1 - others) / ties;
    for (let i = 0; i < k; i++) if (best - scores[i]! <= tolerance) out[i] = share;
    return applyFloor(out, this.floor);
  }

  toState(): SquareCbState {
    return { kind: 'squarecb', gamma: this.gamma, floor: this.floor };
  }
}
