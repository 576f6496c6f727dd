/** Summary statistics for the optimizer benchmark (numpy's default linear-interpolation quantiles). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface Summary {
  n: number;
  median: number;
  q25: number;
  q75: number;
  mean: number;
  best: number;
  worst: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    median: quantile(values, 0.5),
    q25: quantile(values, 0.25),
    q75: quantile(values, 0.75),
    mean: values.reduce((s, v) => s + v, 0) / values.length,
    best: Math.min(...values),
    worst: Math.max(...values),
  };
}
