import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../rng.js';
import { dm } from './dm.js';
import { dr } from './dr.js';
import { ips } from './ips.js';
import { greedyPolicy, World, wrongModel } from './synthetic-world.js';

const world = new World(5);

describe('DR', () => {
  it('reduces to IPS with a zero reward model', () => {
    const logs = world.logs(300, Sfc32.fromSeed(1));
    const a = dr(logs, greedyPolicy, { rewardModel: () => 0 });
    const b = ips(logs, greedyPolicy);
    expect(a.value).toBeCloseTo(b.value, 12);
    expect(a.stdError).toBeCloseTo(b.stdError, 12);
  });

  it('is DM plus the importance-weighted residual of the logged arm', () => {
    const logs = world.logs(300, Sfc32.fromSeed(2));
    const rows = logs.map((l) => greedyPolicy(l.x));
    const correction =
      logs.reduce((a, l, i) => a + (rows[i]![l.arm]! / l.propensity) * (l.reward - wrongModel(l.x, l.arm)), 0) / logs.length;
    expect(dr(logs, rows, { rewardModel: wrongModel }).value).toBeCloseTo(dm(logs, rows, { rewardModel: wrongModel }).value + correction, 12);
  });

  it('uses the model of the row’s own fold for a cross-fitted model', () => {
    const logs = world.logs(10, Sfc32.fromSeed(3));
    const seen: number[] = [];
    dr(logs, greedyPolicy, {
      rewardModel: {
        folds: 2,
        modelForRow: (row) => {
          seen.push(row);
          return () => row % 2;
        },
      },
    });
    expect(new Set(seen)).toEqual(new Set(logs.map((_, i) => i)));
  });

  it('clips weights when asked, like IPS', () => {
    const logs = world.logs(300, Sfc32.fromSeed(4));
    const zero = { rewardModel: () => 0, clip: 2 };
    expect(dr(logs, greedyPolicy, zero).value).toBeCloseTo(ips(logs, greedyPolicy, { clip: 2 }).value, 12);
  });
});
