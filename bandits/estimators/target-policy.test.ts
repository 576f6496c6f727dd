import { describe, expect, it } from 'vitest';
import type { LoggedDecision } from './logged-decision.js';
import { resolveTarget } from './target-policy.js';

const logs: LoggedDecision[] = [
  { x: [0], arm: 0, reward: 1, propensity: 0.5 },
  { x: [1], arm: 1, reward: 0, propensity: 0.5 },
];

describe('target policy', () => {
  it('evaluates a function target on every logged context', () => {
    const rows = resolveTarget((x) => (x[0] === 0 ? [1, 0] : [0.25, 0.75]), logs);
    expect(rows.map((r) => Array.from(r))).toEqual([
      [1, 0],
      [0.25, 0.75],
    ]);
  });

  it('rejects misaligned or malformed rows', () => {
    expect(() => resolveTarget([[0.5, 0.5]], logs)).toThrow(/1 rows of probabilities for 2 logged rows/);
    expect(() => resolveTarget([[0.5, 0.5], [1]], logs)).toThrow(/row 1: target has 1 arms/);
    expect(() => resolveTarget([[0.5, 0.4], [0.5, 0.5]], logs)).toThrow(/sum to 0.9/);
    expect(() => resolveTarget([[1.5, -0.5], [0.5, 0.5]], logs)).toThrow(RangeError);
    expect(() => resolveTarget([[1], [1]], [logs[0]!, { ...logs[1]!, arm: 3 }])).toThrow(/logged arm 3/);
  });

  it('tolerates rounding in the sum', () => {
    expect(() => resolveTarget([[0.1, 0.2, 0.7000000001], [1 / 3, 1 / 3, 1 / 3]], logs)).not.toThrow();
  });
});
