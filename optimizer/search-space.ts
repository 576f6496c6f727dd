/**
 * Search spaces and their encoding to the unit cube [0,1]^dim the samplers work in:
 * float → 1 coordinate (linear or log scale); int → 1 coordinate split into equal bins, one per
 * integer, so every integer owns the same volume; categorical → one-hot (k coordinates, decoded
 * by argmax), which lets a GP's per-dimension lengthscales treat each choice on its own.
 */
export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

export type ParamSpec =
  | { type: 'float'; name: string; low: number; high: number; log?: boolean }
  | { type: 'int'; name: string; low: number; high: number; log?: boolean }
  | { type: 'categorical'; name: string; choices: readonly ParamValue[] };

const clamp01 = (u: number) => (u < 0 ? 0 : u > 1 ? 1 : u);

export class SearchSpace {
  readonly dim: number;
  private readonly offsets: number[] = [];

  constructor(readonly params: readonly ParamSpec[]) {
    const names = new Set<string>();
    let dim = 0;
    for (const p of params) {
      if (names.has(p.name)) throw new Error(`search space: parameter "${p.name}" appears twice`);
      names.add(p.name);
      if (p.type === 'categorical') {
        if (p.choices.length === 0) throw new Error(`search space: "${p.name}" has no choices`);
      } else {
        if (!(p.high > p.low)) throw new Error(`search space: "${p.name}" needs low < high (got ${p.low}, ${p.high})`);
        if (p.log && !(p.low > 0)) throw new Error(`search space: "${p.name}" is log-scaled, so low must be > 0`);
        if (p.type === 'int' && (!Number.isInteger(p.low) || !Number.isInteger(p.high))) throw new Error(`search space: "${p.name}" is int, so its bounds must be integers`);
      }
      this.offsets.push(dim);
      dim += p.type === 'categorical' ? p.choices.length : 1;
    }
    this.dim = dim;
  }

  encode(params: Params): number[] {
    const u = new Array<number>(this.dim).fill(0);
    this.params.forEach((p, i) => {
      const at = this.offsets[i]!;
      const v = params[p.name];
      if (v === undefined) throw new Error(`encode: missing parameter "${p.name}"`);
      if (p.type === 'categorical') {
        const idx = p.choices.indexOf(v);
        if (idx < 0) throw new Error(`encode: "${String(v)}" is not a choice of "${p.name}"`);
        u[at + idx] = 1;
        return;
      }
      if (typeof v !== 'number') throw new Error(`encode: "${p.name}" must be a number`);
      if (p.type === 'float') u[at] = clamp01(p.log ? Math.log(v / p.low) / Math.log(p.high / p.low) : (v - p.low) / (p.high - p.low));
      else if (p.log) u[at] = intLogEncode(v, p.low, p.high);
      else u[at] = clamp01((v - p.low + 0.5) / (p.high - p.low + 1));
    });
    return u;
  }

  decode(u: readonly number[]): Params {
    if (u.length !== this.dim) throw new Error(`decode: expected ${this.dim} coordinates, got ${u.length}`);
    const out: Params = {};
    this.params.forEach((p, i) => {
      const at = this.offsets[i]!;
      if (p.type === 'categorical') {
        let best = 0;
        for (let k = 1; k < p.choices.length; k++) if (u[at + k]! > u[at + best]!) best = k;
        out[p.name] = p.choices[best]!;
        return;
      }
      const x = clamp01(u[at]!);
      if (p.type === 'float') {
        const v = p.log ? p.low * Math.pow(p.high / p.low, x) : p.low + x * (p.high - p.low);
        out[p.name] = Math.min(p.high, Math.max(p.low, v));
      } else {
        const raw = p.log ? intLogDecode(x, p.low, p.high) : Math.floor(p.low + x * (p.high - p.low + 1));
        out[p.name] = Math.min(p.high, Math.max(p.low, raw));
      }
    });
    return out;
  }

  /** The canonical encoding of the point u decodes to (integers centred, one-hot exact). */
  snap(u: readonly number[]): number[] {
    return this.encode(this.decode(u));
  }
}

/** Log-scaled integers: coordinates are linear in log(v) over [log(low − ½), log(high + ½)]. */
function intLogRange(low: number, high: number): [number, number] {
  return [Math.log(Math.max(low - 0.5, low / 2)), Math.log(high + 0.5)];
}

function intLogDecode(x: number, low: number, high: number): number {
  const [a, b] = intLogRange(low, high);
  return Math.round(Math.exp(a + x * (b - a)));
}

function intLogEncode(v: number, low: number, high: number): number {
  const [a, b] = intLogRange(low, high);
  return clamp01((Math.log(v) - a) / (b - a));
}
