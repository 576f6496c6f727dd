/** Scrambled Halton points, in order: even coverage without any model (start-up and comparison). */
import { Sfc32 } from '../../bandits/rng.js';
import { ScrambledHalton } from '../halton.js';
import type { Sampler, SamplerContext } from './sampler.js';

export class QuasiRandomSampler implements Sampler {
  readonly name = 'quasi-random';
  private halton: ScrambledHalton | undefined;

  constructor(private readonly options: { seed: number }) {}

  propose(context: SamplerContext): number[] {
    // The scrambling is drawn lazily because the dimension is only known once the study asks.
    if (!this.halton || this.halton.dim !== context.dim) this.halton = new ScrambledHalton(context.dim, Sfc32.fromSeed(this.options.seed));
    return this.halton.point(context.trialCount);
  }
}
