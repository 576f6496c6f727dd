import { Sfc32 } from '../bandits/rng.js';
import type { Arm } from './arm.js';
import type { Clock } from './clock.js';
import { SimulatedModel } from './providers/simulated.js';
import { SIMULATED_PROFILES } from './providers/simulated-catalog.js';

export interface SimulatedArmsOptions {
  seed: number;
  clock: Clock;
  /** Per arm name, the share of requests that fail (fault injection in tests and benchmarks). */
  errorRates?: Record<string, number>;
}

/** The four simulated arms, each with its own seeded random stream so one arm's draws never shift another's. */
export function simulatedArms(options: SimulatedArmsOptions): Arm[] {
  return SIMULATED_PROFILES.map((profile, i) => ({
    name: profile.name,
    model: new SimulatedModel({
      profile,
      rng: Sfc32.fromSeed(options.seed * 31 + i),
      clock: options.clock,
      errorRate: options.errorRates?.[profile.name] ?? 0,
    }),
    price: { inputPerMillion: profile.inputPricePerMillion, outputPerMillion: profile.outputPricePerMillion },
  }));
}
