/** Maps data values onto pixel positions along one axis, linearly or logarithmically. */
export interface Scale {
  readonly domain: readonly [number, number];
  readonly log: boolean;
  /** Pixel position of a data value; NaN for values a log scale cannot show (≤ 0). */
  toPixel(value: number): number;
}

export function createScale(domain: readonly [number, number], range: readonly [number, number], log = false): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (log) {
    const l0 = Math.log10(d0);
    const span = Math.log10(d1) - l0 || 1;
    return { domain, log, toPixel: (v) => (v > 0 ? r0 + ((Math.log10(v) - l0) / span) * (r1 - r0) : NaN) };
  }
  const span = d1 - d0 || 1;
  return { domain, log, toPixel: (v) => r0 + ((v - d0) / span) * (r1 - r0) };
}
