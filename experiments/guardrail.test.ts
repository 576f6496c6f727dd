import { describe, expect, it } from 'vitest';
import type { ArmStats } from './arm-stats.js';
import { checkGuardrail } from './guardrail.js';

const rate = (count: number, p: number): ArmStats => ({ count, mean: p, m2: count * p * (1 - p) });

describe('guardrail', () => {
  it('trips when the variant is clearly worse on a lower-is-better metric', () => {
    const r = checkGuardrail({ metric: 'error rate' }, rate(5000, 0.02), rate(5000, 0.05));
    expect(r.worse).toBe(true);
    expect(r.lower).toBeGreaterThan(0);
  });

  it('tolerates worsening within the margin and does not trip on improvements or noise', () => {
    expect(checkGuardrail({ metric: 'error rate', tolerance: 0.02 }, rate(5000, 0.02), rate(5000, 0.05)).worse).toBe(false);
    expect(checkGuardrail({ metric: 'error rate', relativeTolerance: 1 }, rate(5000, 0.02), rate(5000, 0.05)).margin).toBeCloseTo(0.02, 12);
    expect(checkGuardrail({ metric: 'error rate' }, rate(5000, 0.05), rate(5000, 0.02)).worse).toBe(false);
    expect(checkGuardrail({ metric: 'error rate' }, rate(5000, 0.02), rate(5000, 0.021)).worse).toBe(false);
  });
});
