import { describe, expect, it } from 'vitest';
import { branin, hartmann6 } from './test-functions.js';

describe('test functions', () => {
  it('reach their published minima at their argmins', () => {
    expect(branin.evaluate({ x1: Math.PI, x2: 2.275 })).toBeCloseTo(branin.globalMinimum, 6);
    expect(branin.evaluate({ x1: -Math.PI, x2: 12.275 })).toBeCloseTo(0.397887, 6);
    const h = Object.fromEntries(hartmann6.argmin.map((v, i) => [`x${i + 1}`, v]));
    expect(hartmann6.evaluate(h)).toBeCloseTo(-3.32237, 5);
  });
});
