import { describe, expect, it } from 'vitest';
import { PRODUCTION_BANDIT, simulateLogs, trueProgressiveCost, trueProgressiveValue } from './objective-fixtures.js';
import { prepareLogs } from './objective-logs.js';
import { compareObjectives, compareWithDefault, routerObjective } from './objective.js';

const options = { bandit: PRODUCTION_BANDIT };

describe('routerObjective', () => {
  it('ranks a much larger ε and a far too heavy ridge prior below the defaults, as the truth does', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const logs = simulateLogs(1000, seed);
      const prepared = prepareLogs(logs.rows);
      const value = (theta: object) => routerObjective(prepared, theta, options).value;
      const truth = (theta: object) => trueProgressiveValue(logs, theta);
      expect(truth({ epsilon: 0.5 })).toBeLessThan(truth({}) - 0.1);
      expect(value({ epsilon: 0.5 })).toBeLessThan(value({}) - 0.05);
      expect(truth({ ridgeLambda: 1000 })).toBeLessThan(truth({ ridgeLambda: 1 }) - 0.1);
      expect(value({ ridgeLambda: 1000 })).toBeLessThan(value({ ridgeLambda: 1 }) - 0.05);
      // ε = 0.5 keeps the weights near 1 (effective sample size ~ n/2), so its paired interval is decisive;
      // λ = 1000 disagrees with the logging policy on most rows, and its interval is honestly wide.
      expect(compareWithDefault(prepared, { epsilon: 0.5 }, options).upper).toBeLessThan(0);
    }
  });

  it('covers the progressive value V̄(θ), and the paired interval covers the true difference, in most seeds', () => {
    const thetas = [{}, { epsilon: 0.5 }, { ridgeLambda: 1 }, { ridgeLambda: 100 }, { alpha: 0.5, driftRate: 0 }];
    const seeds = 20;
    const covered = thetas.map(() => 0);
    const pairedCovered = thetas.map(() => 0);
    for (let seed = 1; seed <= seeds; seed++) {
      const logs = simulateLogs(800, 100 + seed);
      const prepared = prepareLogs(logs.rows);
      const base = routerObjective(prepared, {}, options);
      const baseTruth = trueProgressiveValue(logs, {});
      thetas.forEach((theta, k) => {
        const estimate = routerObjective(prepared, theta, options);
        const truth = trueProgressiveValue(logs, theta);
        if (truth >= estimate.lower && truth <= estimate.upper) covered[k]!++;
        const diff = compareObjectives(estimate, base);
        if (truth - baseTruth >= diff.lower - 1e-12 && truth - baseTruth <= diff.upper + 1e-12) pairedCovered[k]!++;
      });
    }
    for (const c of [...covered, ...pairedCovered]) expect(c).toBeGreaterThanOrEqual(16);
  });

  it('reports n, the effective sample size, the filled-in θ and one term per row', () => {
    const logs = simulateLogs(300, 9);
    const r = routerObjective(logs.rows, { ridgeLambda: 2 }, options);
    expect(r.n).toBe(300);
    expect(r.terms).toHaveLength(300);
    expect(r.lower).toBeLessThan(r.value);
    expect(r.upper).toBeGreaterThan(r.value);
    expect(r.effectiveSampleSize).toBeGreaterThan(10);
    expect(r.theta).toEqual({ ...PRODUCTION_BANDIT, ridgeLambda: 2 });
  });

  it('does not depend on the policy seed (the routing policy scores without randomness)', () => {
    const { rows } = simulateLogs(300, 4);
    const a = routerObjective(rows, { epsilon: 0.2 }, { ...options, seed: 1 });
    const b = routerObjective(rows, { epsilon: 0.2 }, { ...options, seed: 99 });
    expect(a.value).toBe(b.value);
  });

  it('estimates the mean cost of the target’s arms and turns a budget into a constraint', () => {
    const logs = simulateLogs(800, 5);
    const r = routerObjective(logs.rows, { epsilon: 0.3 }, { ...options, costBudget: 0.002 });
    const truth = trueProgressiveCost(logs, { epsilon: 0.3 });
    expect(r.cost!.value).toBeCloseTo(truth, 5);
    expect(r.constraint).toBeCloseTo(r.cost!.value - 0.002, 12);
    const noCost = logs.rows.map(({ cost: _cost, ...row }) => row);
    expect(routerObjective(noCost, {}, options).cost).toBeUndefined();
    expect(() => routerObjective(noCost, {}, { ...options, costBudget: 0.002 })).toThrow(/costBudget needs a cost/);
  });

  it('caps q̂ where the logging policy gave an arm less than 1/W, at the logging policy’s model value', () => {
    // A nearly greedy logger: ε = floor = 0.03 over 3 arms leaves the other arms 0.01 < 1/50.
    const { rows } = simulateLogs(400, 8, { epsilon: 0.03, epsilonFloor: 0.03 });
    const prepared = prepareLogs(rows);
    let cappedCells = 0;
    rows.forEach((row, i) => {
      const q = prepared.rewardModel.modelForRow(i);
      const capped = prepared.cappedRewardModel!.modelForRow(i);
      const p = row.probabilities!;
      const logging = [0, 1, 2].reduce((s, a) => s + p[a]! * q(row.x, a), 0);
      for (let a = 0; a < 3; a++) {
        const expected = p[a]! < 1 / 50 ? Math.min(q(row.x, a), logging) : q(row.x, a);
        expect(capped(row.x, a)).toBe(expected);
        if (capped(row.x, a) < q(row.x, a)) cappedCells++;
      }
    });
    expect(cappedCells).toBeGreaterThan(20);
    expect(prepareLogs(rows, { supportWeight: Infinity }).cappedRewardModel).toBeUndefined();
    expect(prepareLogs(rows.map(({ probabilities: _p, ...row }) => row)).cappedRewardModel).toBeUndefined();
  });

  it('reports plain DR as the value and the union of the plain and capped intervals', () => {
    const { rows } = simulateLogs(400, 10, { epsilon: 0.03, epsilonFloor: 0.03 });
    const r = routerObjective(rows, { alpha: 0.5 }, options);
    expect(r.value).toBe(r.plain.value);
    expect(r.lower).toBe(Math.min(r.plain.lower, r.capped!.lower));
    expect(r.upper).toBe(Math.max(r.plain.upper, r.capped!.upper));
    const uncapped = routerObjective(rows, { alpha: 0.5 }, { ...options, supportWeight: Infinity });
    expect(uncapped.capped).toBeUndefined();
    expect([uncapped.lower, uncapped.upper]).toEqual([r.plain.lower, r.plain.upper]);
    const c = compareWithDefault(rows, { alpha: 0.5 }, options);
    const plainDiff = compareWithDefault(rows, { alpha: 0.5 }, { ...options, supportWeight: Infinity });
    expect(c.value).toBeCloseTo(plainDiff.value, 12);
    expect(c.lower).toBeLessThanOrEqual(plainDiff.lower);
  });

  it('compares θ with itself as exactly zero', () => {
    const { rows } = simulateLogs(200, 6);
    const c = compareWithDefault(rows, {}, options);
    expect([c.value, c.lower, c.upper]).toEqual([0, 0, 0]);
  });

  it('rejects logs every estimate would get wrong', () => {
    const { rows } = simulateLogs(50, 7);
    expect(() => routerObjective([], {}, options)).toThrow(/empty logs/);
    expect(() => routerObjective(rows.map((r, i) => (i === 3 ? { ...r, propensity: 0 } : r)), {}, options)).toThrow(/row 3: propensity/);
    expect(() => prepareLogs(rows, { arms: 2 })).toThrow(/outside the policy's 2 arms/);
    expect(() => routerObjective(rows.map((r, i) => (i === 2 ? { ...r, cost: Number.NaN } : r)), {}, options)).toThrow(/row 2: cost/);
    const misaligned = rows.map((r, i) => (i === 4 ? { ...r, probabilities: [1, 0, 0].map((_, a) => (a === r.arm ? 0.5 : 0.25)) } : r));
    expect(() => prepareLogs(misaligned.map((r, i) => (i === 4 ? { ...r, propensity: 0.9 } : r)))).toThrow(/row 4: logging distribution gives arm/);
    expect(() => prepareLogs(rows.map((r, i) => (i === 1 ? { ...r, probabilities: [1] } : r)))).toThrow(/row 1: logging distribution has 1 arms/);
  });
});
