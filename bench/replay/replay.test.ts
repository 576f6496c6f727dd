import { describe, expect, it } from 'vitest';
import { Policy } from '../../bandits/policy.js';
import { Sfc32 } from '../../bandits/rng.js';
import type { Context, Explorer, Learner } from '../../bandits/types.js';
import { tableFromCsv } from '../table/load-table.js';
import { tableContexts } from './contexts.js';
import { comparators, replay } from './replay.js';

const CSV = [
  'x.a,quality.cheap,quality.good,cost.cheap,cost.good',
  '1,1,1,0.001,0.01',
  '2,0,1,0.001,0.01',
  '3,0,1,0.001,0.01',
  '4,1,0,0.001,0.01',
].join('\n');

/** Plays a fixed arm sequence and records what it was told, to check the protocol. */
class Recorder implements Learner, Explorer {
  readonly kind = 'recorder';
  readonly arms = 2;
  readonly dimensions = 3;
  seen: Array<{ arm: number; reward: number }> = [];
  private next = 0;
  constructor(private readonly plays: number[]) {}
  scores(): Float64Array {
    return Float64Array.from([0, 0]);
  }
  probabilities(): Float64Array {
    const arm = this.plays[this.next++]!;
    return Float64Array.from([arm === 0 ? 1 : 0, arm === 1 ? 1 : 0]);
  }
  learn(_x: Context, arm: number, reward: number): void {
    this.seen.push({ arm, reward });
  }
  toState() {
    return { kind: this.kind };
  }
}

describe('replay', () => {
  const table = tableFromCsv('t', CSV, { lambda: 10, mu: 0 });

  it('shows the policy only the chosen arm’s reward, in file order, and averages what it earned', () => {
    const recorder = new Recorder([1, 0, 1, 0]);
    const result = replay('r', table, tableContexts(table), new Policy(recorder, recorder, Sfc32.fromSeed(1)));
    const r = (q: number, c: number) => q - 10 * c;
    expect(recorder.seen).toEqual([
      { arm: 1, reward: r(1, 0.01) }, { arm: 0, reward: r(0, 0.001) }, { arm: 1, reward: r(1, 0.01) }, { arm: 0, reward: r(1, 0.001) },
    ].map((s) => ({ arm: s.arm, reward: expect.closeTo(s.reward, 12) })));
    expect(result.avgReward).toBeCloseTo((r(1, 0.01) * 2 + r(0, 0.001) + r(1, 0.001)) / 4, 12);
    expect(result.avgQuality).toBeCloseTo(0.75, 12);
    expect(result.avgCost).toBeCloseTo(0.0055, 12);
    expect(result.shares).toEqual([0.5, 0.5]);
    expect(result.curve.at(-1)).toEqual([4, expect.closeTo(result.avgReward, 12)]);
  });

  it('computes uniform, every single arm, the best arm and the per-row oracle', () => {
    const c = comparators(table);
    expect(c.armAverages[0]).toBeCloseTo(0.5 - 0.01, 12);
    expect(c.armAverages[1]).toBeCloseTo(0.75 - 0.1, 12);
    expect(c.bestArm.name).toBe('good');
    expect(c.uniform).toBeCloseTo((0.49 + 0.65) / 2, 12);
    expect(c.oracle).toBeCloseTo((0.99 + 0.9 + 0.9 + 0.99) / 4, 12);
  });

  it('builds numeric contexts from earlier rows only (causal standardization)', () => {
    const contexts = tableContexts(table);
    expect(Array.from(contexts[0]!)).toEqual([1, 0, 0]);
    // Row 3 (x = 3) is standardized with rows 1 and 2: mean 1.5, sd 0.7071.
    expect(contexts[2]![1]).toBeCloseTo((3 - 1.5) / Math.SQRT1_2, 12);
  });
});
