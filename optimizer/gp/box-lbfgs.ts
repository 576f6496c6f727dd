/**
 * Projected L-BFGS for smooth objectives on a box, used both for the GP hyperparameters (in log
 * space) and to polish acquisition maxima (in the unit cube). Variables pinned at a bound with the
 * gradient pushing outward are frozen for the step; the rest follow the two-loop L-BFGS direction
 * with a projected Armijo backtracking search. Simpler than L-BFGS-B's Cauchy point, and enough
 * for the tens of dimensions we meet here.
 */
export type Objective = (x: Float64Array) => { value: number; grad: Float64Array };

export interface MinimizeOptions {
  maxIter?: number;
  memory?: number;
  /** Stop when the projected gradient's max-norm falls below this. */
  gradTol?: number;
  /** Stop when the relative decrease of f over one step falls below this. */
  fTol?: number;
}

export interface MinimizeResult {
  x: Float64Array;
  value: number;
  iterations: number;
}

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

export function minimizeBox(f: Objective, x0: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const { maxIter = 100, memory = 8, gradTol = 1e-6, fTol = 1e-10 } = options;
  const m = x0.length;
  let x = new Float64Array(m);
  for (let i = 0; i < m; i++) x[i] = clamp(x0[i]!, lo[i]!, hi[i]!);
  let cur = f(x);
  if (!Number.isFinite(cur.value)) return { x, value: cur.value, iterations: 0 };
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  let iter = 0;
  for (; iter < maxIter; iter++) {
    const g = cur.grad;
    const free = new Uint8Array(m);
    let pgMax = 0;
    for (let i = 0; i < m; i++) {
      const atLo = x[i]! <= lo[i]! && g[i]! > 0;
      const atHi = x[i]! >= hi[i]! && g[i]! < 0;
      free[i] = atLo || atHi ? 0 : 1;
      if (free[i]) pgMax = Math.max(pgMax, Math.abs(g[i]!));
    }
    if (pgMax < gradTol) break;

    // Two-loop recursion on the free variables only.
    const q = new Float64Array(m);
    for (let i = 0; i < m; i++) q[i] = free[i] ? -g[i]! : 0;
    const a = new Array<number>(sHist.length);
    for (let h = sHist.length - 1; h >= 0; h--) {
      a[h] = rhoHist[h]! * dotMasked(sHist[h]!, q, free);
      axpyMasked(-a[h]!, yHist[h]!, q, free);
    }
    if (sHist.length > 0) {
      const last = sHist.length - 1;
      const gamma = 1 / (rhoHist[last]! * dotMasked(yHist[last]!, yHist[last]!, free) || 1);
      for (let i = 0; i < m; i++) q[i]! *= Number.isFinite(gamma) && gamma > 0 ? gamma : 1;
    } else {
      // First step: scale so the largest move is modest relative to the box.
      let span = Infinity;
      for (let i = 0; i < m; i++) if (free[i]) span = Math.min(span, hi[i]! - lo[i]!);
      const scale = Math.min(1, (0.1 * (Number.isFinite(span) ? span : 1)) / pgMax);
      for (let i = 0; i < m; i++) q[i]! *= scale;
    }
    for (let h = 0; h < sHist.length; h++) {
      const b = rhoHist[h]! * dotMasked(yHist[h]!, q, free);
      axpyMasked(a[h]! - b, sHist[h]!, q, free);
    }
    let slope = 0;
    for (let i = 0; i < m; i++) slope += q[i]! * g[i]!;
    if (!(slope < 0)) {
      // Curvature information went stale: fall back to steepest descent.
      sHist.length = yHist.length = rhoHist.length = 0;
      for (let i = 0; i < m; i++) q[i] = free[i] ? -g[i]! : 0;
      slope = -pgMax * pgMax;
      const scale = 0.1 / pgMax;
      for (let i = 0; i < m; i++) q[i]! *= scale;
      slope *= scale;
    }

    let step = 1;
    let next: { value: number; grad: Float64Array } | undefined;
    let xNext = new Float64Array(m);
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < m; i++) xNext[i] = clamp(x[i]! + step * q[i]!, lo[i]!, hi[i]!);
      const trial = f(xNext);
      let decrease = 0;
      for (let i = 0; i < m; i++) decrease += g[i]! * (xNext[i]! - x[i]!);
      if (Number.isFinite(trial.value) && trial.value <= cur.value + 1e-4 * Math.min(decrease, 0)) {
        next = trial;
        break;
      }
      step *= 0.3;
      xNext = new Float64Array(m);
    }
    if (!next) break;
    const s = new Float64Array(m);
    const yv = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      s[i] = xNext[i]! - x[i]!;
      yv[i] = next.grad[i]! - g[i]!;
    }
    const sy = dotMasked(s, yv);
    if (sy > 1e-12) {
      sHist.push(s);
      yHist.push(yv);
      rhoHist.push(1 / sy);
      if (sHist.length > memory) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
    }
    const relDecrease = (cur.value - next.value) / Math.max(Math.abs(cur.value), Math.abs(next.value), 1);
    x = xNext;
    cur = next;
    if (relDecrease < fTol) break;
  }
  return { x, value: cur.value, iterations: iter };
}

function dotMasked(a: Float64Array, b: Float64Array, mask?: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) if (!mask || mask[i]) s += a[i]! * b[i]!;
  return s;
}

function axpyMasked(alpha: number, xv: Float64Array, y: Float64Array, mask: Uint8Array): void {
  for (let i = 0; i < xv.length; i++) if (mask[i]) y[i]! += alpha * xv[i]!;
}
