/** Samplers by name, for the CLI, the benchmark and configuration. */
import { GpEiSampler } from './gp-ei-sampler.js';
import { QuasiRandomSampler } from './quasi-random-sampler.js';
import { RandomSampler } from './random-sampler.js';
import type { Sampler } from './sampler.js';

export const SAMPLER_NAMES = ['random', 'quasi-random', 'gp-ei'] as const;
export type SamplerName = (typeof SAMPLER_NAMES)[number];

export function createSampler(name: SamplerName, seed: number): Sampler {
  switch (name) {
    case 'random':
      return new RandomSampler({ seed });
    case 'quasi-random':
      return new QuasiRandomSampler({ seed });
    case 'gp-ei':
      return new GpEiSampler({ seed });
  }
}
