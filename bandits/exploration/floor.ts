/**
 * Mixes a distribution with the uniform one so that every arm gets at least `floor`:
 * p' = (1 − K·floor)·p + floor. Keeps logged propensities away from 0 so off-policy estimates
 * of other policies stay usable (their importance weights are bounded by 1 / floor).
 */
export function applyFloor(p: Float64Array, floor: number): Float64Array {
  const k = p.length;
  if (floor <= 0) return p;
  if (floor * k > 1) throw new RangeError(`floor ${floor} is above 1/K = ${1 / k}`);
  const scale = 1 - k * floor;
  for (let i = 0; i < k; i++) p[i] = scale * p[i]! + floor;
  return p;
}
