/** Standard benchmark functions for minimization, with their domains and known global minima. */
import type { ParamSpec, Params } from './search-space.js';

export interface TestFunction {
  name: string;
  space: ParamSpec[];
  globalMinimum: number;
  /** A point where the minimum is reached (one of several for Branin). */
  argmin: number[];
  evaluate(params: Params): number;
}

const num = (p: Params, k: string) => p[k] as number;

export const branin: TestFunction = {
  name: 'branin',
  space: [
    { type: 'float', name: 'x1', low: -5, high: 10 },
    { type: 'float', name: 'x2', low: 0, high: 15 },
  ],
  globalMinimum: 0.397887357729738,
  argmin: [Math.PI, 2.275],
  evaluate(p) {
    const x1 = num(p, 'x1');
    const x2 = num(p, 'x2');
    const b = 5.1 / (4 * Math.PI * Math.PI);
    const c = 5 / Math.PI;
    const t = 1 / (8 * Math.PI);
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
  },
};

const H6_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H6_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const H6_P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((row) => row.map((v) => v * 1e-4));

export const hartmann6: TestFunction = {
  name: 'hartmann6',
  space: [1, 2, 3, 4, 5, 6].map((i) => ({ type: 'float' as const, name: `x${i}`, low: 0, high: 1 })),
  globalMinimum: -3.32236801141551,
  argmin: [0.20168952, 0.15001069, 0.47687398, 0.27533243, 0.31165162, 0.65730054],
  evaluate(p) {
    let total = 0;
    for (let i = 0; i < 4; i++) {
      let inner = 0;
      for (let j = 0; j < 6; j++) inner += H6_A[i]![j]! * (num(p, `x${j + 1}`) - H6_P[i]![j]!) ** 2;
      total -= H6_ALPHA[i]! * Math.exp(-inner);
    }
    return total;
  },
};

export const TEST_FUNCTIONS: Record<string, TestFunction> = { branin, hartmann6 };
