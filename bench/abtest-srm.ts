/**
 * Sequential SRM simulation: requests are split with a (possibly wrong) probability and the
 * chi-square check runs every `lookEvery` requests, as a dashboard would run it.
 */
import type { Rng } from '../bandits/rng.js';
import { sampleRatioMismatch, SRM_P_THRESHOLD } from '../experiments/srm.js';

export interface SrmRun {
  /** Requests at the first look flagging a mismatch, or null within the cap. */
  flaggedAt: number | null;
}

export function simulateSrm(rng: Rng, actualShareB: number, intendedShares: readonly number[], maxRequests: number, lookEvery: number): SrmRun {
  let a = 0;
  let b = 0;
  while (a + b < maxRequests) {
    const batch = Math.min(lookEvery, maxRequests - a - b);
    for (let i = 0; i < batch; i++) {
      if (rng.next() < actualShareB) b++;
      else a++;
    }
    if (sampleRatioMismatch([a, b], intendedShares, SRM_P_THRESHOLD).mismatch) return { flaggedAt: a + b };
  }
  return { flaggedAt: null };
}
