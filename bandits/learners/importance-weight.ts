/**
 * 1 / propensity, capped. Rare arms logged at a tiny propensity would otherwise enter a
 * regression with a weight in the thousands and swamp everything learnt so far; capping trades
 * a little bias for bounded variance (the usual clipped-IPS compromise).
 */
export function cappedWeight(propensity: number, maxWeight: number): number {
  return Math.min(1 / propensity, maxWeight);
}

export function assertMaxWeight(maxWeight: number): void {
  if (!(maxWeight >= 1)) throw new RangeError(`maxWeight must be >= 1, got ${maxWeight}`);
}

/** Default cap: 1 / 0.01, the weight of an arm held at a 1% exploration floor. */
export const DEFAULT_MAX_WEIGHT = 100;
