/** Independent uniform draws: the baseline every other sampler must beat. */
import type { Rng } from '../../bandits/rng.js';
import { Sfc32 } from '../../bandits/rng.js';
import type { Sampler, SamplerContext } from './sampler.js';

export class RandomSampler implements Sampler {
  readonly name = 'random';
  private readonly rng: Rng;

  constructor(options: { seed: number }) {
    this.rng = Sfc32.fromSeed(options.seed);
  }

  propose(context: SamplerContext): number[] {
    return Array.from({ length: context.dim }, () => this.rng.next());
  }
}
