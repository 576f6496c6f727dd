/**
 * Streaming sufficient statistics of one arm (Welford / Chan): they fit in a database row, can be
 * merged across shards and never lose precision the way running sums of squares do.
 */
export interface ArmStats {
  count: number;
  mean: number;
  /** Sum of squared deviations from the mean. */
  m2: number;
}

export const emptyArm = (): ArmStats => ({ count: 0, mean: 0, m2: 0 });

export function addObservation(stats: ArmStats, x: number): ArmStats {
  const count = stats.count + 1;
  const delta = x - stats.mean;
  const mean = stats.mean + delta / count;
  return { count, mean, m2: stats.m2 + delta * (x - mean) };
}

/** Chan et al.'s parallel combination of two disjoint samples. */
export function mergeArms(a: ArmStats, b: ArmStats): ArmStats {
  if (a.count === 0) return { ...b };
  if (b.count === 0) return { ...a };
  const count = a.count + b.count;
  const delta = b.mean - a.mean;
  return {
    count,
    mean: a.mean + (delta * b.count) / count,
    m2: a.m2 + b.m2 + (delta * delta * a.count * b.count) / count,
  };
}

/** From a batch's count, sum and sum of squares (fine for small batches, e.g. in simulations). */
export function armFromSums(count: number, sum: number, sumSq: number): ArmStats {
  if (count === 0) return emptyArm();
  const mean = sum / count;
  return { count, mean, m2: Math.max(0, sumSq - sum * mean) };
}

/** Unbiased sample variance; NaN below two observations. */
export const sampleVariance = (s: ArmStats): number => (s.count < 2 ? Number.NaN : s.m2 / (s.count - 1));
