/**
 * Log expected improvement for MINIMIZATION, stable far into the tails (Ament et al. 2023,
 * "Unexpected improvements to expected improvement"). With z = (f* − μ)/s,
 *   EI = s · h(z),  h(z) = φ(z) + z Φ(z),
 * and for z ≪ 0 both terms of h underflow and cancel, so log h is computed as
 *   log h(z) = log φ(z) + log1mexp(log(|z| erfcx(−z/√2)) + ½ log(π/2)),
 * which stays finite (≈ −z²/2 − 2 log|z|) where the naive form returns −∞.
 */
const SQRT2 = Math.SQRT2;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const HALF_LOG_PI_OVER_2 = 0.5 * Math.log(Math.PI / 2);
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);

/**
 * Scaled complementary error function erfcx(x) = exp(x²) erfc(x) for x ≥ 0. Below 2 a
 * positive-term series for erf (no cancellation inside the sum; ~1e-13 relative after 1 − erf);
 * from 2 on, the Laplace continued fraction, which converges fast there.
 */
export function erfcx(x: number): number {
  if (x < 0) return 2 * Math.exp(x * x) - erfcx(-x);
  if (x < 2) {
    // erf(x) = 2/√π e^{−x²} Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1))
    let term = x;
    let sum = x;
    for (let k = 1; k < 200; k++) {
      term *= (2 * x * x) / (2 * k + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    const erf = 2 * INV_SQRT_PI * Math.exp(-x * x) * sum;
    return Math.exp(x * x) * (1 - erf);
  }
  // erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated bottom-up.
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / 2 / f;
  return INV_SQRT_PI / f;
}

/** Standard normal density and distribution function. */
export const normalPdf = (z: number) => Math.exp(-0.5 * z * z - HALF_LOG_2PI);
export function normalCdf(z: number): number {
  const tail = 0.5 * erfcx(Math.abs(z) / SQRT2) * Math.exp(-0.5 * z * z);
  return z < 0 ? tail : 1 - tail;
}

/** log Φ(z), finite for very negative z; and d/dz log Φ(z) = φ(z)/Φ(z). */
export function logNormalCdf(z: number): { value: number; dz: number } {
  if (z < 0) {
    const e = erfcx(-z / SQRT2);
    return { value: Math.log(0.5 * e) - 0.5 * z * z, dz: SQRT_2_OVER_PI / e };
  }
  const cdf = normalCdf(z);
  return { value: Math.log(cdf), dz: normalPdf(z) / cdf };
}

/** log(1 − eˣ) for x < 0, accurate near both ends (Mächler 2012). */
function log1mexp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

/** log h(z) and its derivative d log h / dz = Φ(z)/h(z). */
export function logH(z: number): { value: number; dz: number } {
  if (z > -1) {
    const cdf = normalCdf(z);
    const h = normalPdf(z) + z * cdf;
    return { value: Math.log(h), dz: cdf / h };
  }
  const az = -z;
  if (az > 1e6) {
    // Asymptote: erfcx's argument saturates double precision here.
    return { value: -0.5 * z * z - HALF_LOG_2PI - 2 * Math.log(az), dz: az + 2 / az };
  }
  const e = erfcx(az / SQRT2);
  const value = -0.5 * z * z - HALF_LOG_2PI + log1mexp(Math.log(az * e) + HALF_LOG_PI_OVER_2);
  // Φ/h = 1/(φ/Φ + z), φ/Φ = √(2/π)/erfcx(−z/√2); the sum cancels for big |z|: use the series.
  const dz = az > 1e3 ? az + 2 / az : 1 / (SQRT_2_OVER_PI / e + z);
  return { value, dz };
}

/** log EI (minimization) for a prediction μ, s against incumbent best. */
export function logExpectedImprovement(mean: number, std: number, best: number): number {
  return Math.log(std) + logH((best - mean) / std).value;
}
