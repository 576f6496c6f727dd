import { describe, expect, it } from 'vitest';
import { Study } from '../study.js';
import type { ParamSpec } from '../search-space.js';
import type { SamplerName } from './create-sampler.js';
import { createSampler, SAMPLER_NAMES } from './create-sampler.js';

const space: ParamSpec[] = [
  { type: 'float', name: 'x', low: -3, high: 2 },
  { type: 'float', name: 'scale', low: 0.01, high: 10, log: true },
  { type: 'int', name: 'k', low: 2, high: 6 },
  { type: 'categorical', name: 'mode', choices: ['a', 'b', 'c'] },
];
const objective = (p: Record<string, unknown>) => ((p.x as number) - 0.5) ** 2 + Math.log10(p.scale as number) ** 2 + ((p.k as number) - 4) ** 2 / 4 + (p.mode === 'b' ? 0 : 1);

function run(name: SamplerName, seed: number, trials: number) {
  const study = new Study({ space, sampler: createSampler(name, seed) });
  for (let i = 0; i < trials; i++) {
    const trial = study.ask();
    study.tell(trial.id, objective(trial.params));
  }
  return study;
}

describe.each(SAMPLER_NAMES)('sampler conformance: %s', (name) => {
  it('proposes parameters inside the space with the declared types', () => {
    const study = run(name, 1, 14);
    for (const t of study.trials) {
      const { x, scale, k, mode } = t.params;
      expect(x).toBeGreaterThanOrEqual(-3);
      expect(x).toBeLessThanOrEqual(2);
      expect(scale).toBeGreaterThanOrEqual(0.01);
      expect(scale).toBeLessThanOrEqual(10);
      expect(Number.isInteger(k)).toBe(true);
      expect(k).toBeGreaterThanOrEqual(2);
      expect(k).toBeLessThanOrEqual(6);
      expect(['a', 'b', 'c']).toContain(mode);
    }
  });

  it('is deterministic for a seed', () => {
    expect(run(name, 5, 10).trials.map((t) => t.params)).toEqual(run(name, 5, 10).trials.map((t) => t.params));
    expect(run(name, 5, 10).trials.map((t) => t.params)).not.toEqual(run(name, 6, 10).trials.map((t) => t.params));
  });

  it('keeps ask/tell bookkeeping straight', () => {
    const study = new Study({ space, sampler: createSampler(name, 2), direction: 'maximize' });
    const a = study.ask();
    const b = study.ask();
    const c = study.ask();
    expect([a.id, b.id, c.id]).toEqual([0, 1, 2]);
    expect(study.trials.map((t) => t.state)).toEqual(['running', 'running', 'running']);
    study.tell(b.id, 5);
    study.tell(a.id, { value: 7 });
    study.fail(c.id);
    expect(() => study.tell(a.id, 1)).toThrow(/already complete/);
    expect(() => study.tell(42, 1)).toThrow(/unknown trial/);
    expect(study.trials.map((t) => t.state)).toEqual(['complete', 'complete', 'failed']);
    expect(study.bestTrial?.id).toBe(a.id);
    const d = study.ask();
    expect(d.id).toBe(3);
  });
});
