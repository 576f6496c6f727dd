import { describe, expect, it } from 'vitest';
import { Study } from '../study.js';
import { branin, hartmann6 } from '../test-functions.js';
import { GpEiSampler } from './gp-ei-sampler.js';
import { QuasiRandomSampler } from './quasi-random-sampler.js';
import { RandomSampler } from './random-sampler.js';
import type { Sampler } from './sampler.js';

describe('GpEiSampler', () => {
  it("finds Branin's minimum to within 0.05 in 30 trials", () => {
    const study = new Study({ space: branin.space, sampler: new GpEiSampler({ seed: 1 }) });
    for (let i = 0; i < 30; i++) {
      const t = study.ask();
      study.tell(t.id, branin.evaluate(t.params));
    }
    expect(study.bestTrial!.value! - branin.globalMinimum).toBeLessThan(0.05);
  });

  it('beats quasi-random search on Hartmann-6 in 30 trials (median of 3 seeds)', () => {
    const regret = (make: (seed: number) => Sampler) =>
      [1, 2, 3]
        .map((seed) => {
          const study = new Study({ space: hartmann6.space, sampler: make(seed) });
          for (let i = 0; i < 30; i++) {
            const t = study.ask();
            study.tell(t.id, hartmann6.evaluate(t.params));
          }
          return study.bestTrial!.value! - hartmann6.globalMinimum;
        })
        .sort((a, b) => a - b)[1]!;
    const gp = regret((seed) => new GpEiSampler({ seed }));
    expect(gp).toBeLessThan(0.6);
    expect(gp).toBeLessThan(0.5 * regret((seed) => new QuasiRandomSampler({ seed })));
  });

  it('avoids an infeasible region through the probability of feasibility', () => {
    // Minimize (x−0.8)² + (y−0.8)² subject to x + y ≤ 1: the constrained optimum is (0.5, 0.5).
    const space = [
      { type: 'float' as const, name: 'x', low: 0, high: 1 },
      { type: 'float' as const, name: 'y', low: 0, high: 1 },
    ];
    const evaluate = (p: Record<string, unknown>) => {
      const x = p.x as number;
      const y = p.y as number;
      return { value: (x - 0.8) ** 2 + (y - 0.8) ** 2, constraints: [x + y - 1] };
    };
    const run = (sampler: GpEiSampler | RandomSampler) => {
      const study = new Study({ space, sampler });
      for (let i = 0; i < 25; i++) {
        const t = study.ask();
        study.tell(t.id, evaluate(t.params));
      }
      return study;
    };
    const gp = run(new GpEiSampler({ seed: 3 }));
    const late = gp.trials.slice(10);
    const infeasibleShare = late.filter((t) => t.constraints![0]! > 0.02).length / late.length;
    expect(infeasibleShare).toBeLessThan(0.3);
    const best = gp.bestTrial!;
    expect(best.constraints![0]!).toBeLessThanOrEqual(0);
    expect(best.value! - 0.18).toBeLessThan(0.01);
    expect(best.value!).toBeLessThan(run(new RandomSampler({ seed: 3 })).bestTrial!.value!);
  });
});
