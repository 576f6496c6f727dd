/**
 * Seeded pseudo-random numbers. Every random choice in bandits/ goes through an injected `Rng`
 * so that the same seed replays the same decisions, and the generator's state can be saved
 * with the policy (serialize → restore continues the very same stream).
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  state(): number[];
}

/** sfc32: small, fast, passes PractRand to 2^40+ and its whole state is four 32-bit words. */
export class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(state: readonly number[]) {
    this.a = (state[0] ?? 0) | 0;
    this.b = (state[1] ?? 0) | 0;
    this.c = (state[2] ?? 0) | 0;
    this.d = (state[3] ?? 1) | 0;
  }

  static fromSeed(seed: number): Sfc32 {
    const rng = new Sfc32([0x9e3779b9, 0x243f6a88, 0xb7e15162, seed | 0]);
    // The first outputs of a fresh sfc32 are correlated with the seed: burn them.
    for (let i = 0; i < 15; i++) rng.next();
    return rng;
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  state(): number[] {
    return [this.a, this.b, this.c, this.d];
  }
}

/** Standard normal draw (Box–Muller), for Thompson sampling and simulations. */
export function gaussian(rng: Rng): number {
  let u = rng.next();
  while (u <= Number.EPSILON) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}
