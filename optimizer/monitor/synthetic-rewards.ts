/**
 * Seeded synthetic reward streams for the monitor's tests: Poisson arrivals over a span ending
 * at `now`, a base level plus Gaussian noise, arms chosen uniformly, and an optional shift
 * (a trend, a dip, a failing arm) as a function of time and arm.
 */
import { gaussian, Sfc32 } from '../../bandits/rng.js';
import { MS_PER_DAY, MS_PER_HOUR, type RewardPoint } from './notation.js';

export interface SyntheticOptions {
  seed: number;
  now: number;
  /** Length of the stream, in days before now. Default 14. */
  days?: number;
  /** Mean arrivals per hour. Default 20. */
  perHour?: number;
  /** Default 0.3. */
  base?: number;
  /** Standard deviation of one reward. Default 0.5. */
  noise?: number;
  /** Default ['a:one', 'b:two', 'c:three']. */
  arms?: readonly string[];
  shift?: (at: number, arm: string) => number;
}

/** A fixed instant for tests: 2026-11-21 12:00 UTC. */
export const TEST_NOW = Date.UTC(2026, 10, 21, 12, 0);

export function syntheticRewards(options: SyntheticOptions): RewardPoint[] {
  const { seed, now, days = 14, perHour = 20, base = 0.3, noise = 0.5, arms = ['a:one', 'b:two', 'c:three'], shift } = options;
  const rng = Sfc32.fromSeed(seed);
  const meanGap = MS_PER_HOUR / perHour;
  const out: RewardPoint[] = [];
  for (let at = now - days * MS_PER_DAY; ; ) {
    at += -Math.log(1 - rng.next()) * meanGap;
    if (at > now) break;
    const arm = arms[Math.floor(rng.next() * arms.length)]!;
    out.push({ at, reward: base + noise * gaussian(rng) + (shift ? shift(at, arm) : 0), arm });
  }
  return out;
}
