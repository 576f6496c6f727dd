/**
 * Priors on the hyperparameters, turning the marginal-likelihood fit into a MAP fit. Symbols:
 * ./notation.ts. Each component of θ gets an independent normal prior in log space:
 *   log ℓ_k ~ N(m_ℓ, s_ℓ²),  log σ_f ~ N(m_f, s_f²),  log σ_n ~ N(m_n, s_n²)
 *   −log p(θ) = Σ_j (θ_j − m_j)² / (2 s_j²) + const
 * With a handful of points the likelihood alone happily explains the data with a few very long
 * lengthscales (dimensions declared irrelevant) or very short ones (interpolating noise); the
 * prior keeps ℓ in the range where the unit cube has structure unless the data insist otherwise.
 */
export interface NormalPrior {
  /** Mean and standard deviation of the log-space parameter. */
  mean: number;
  std: number;
  /**
   * Half-normal: flat below the mean, the normal's tail above it. For the noise, which should
   * be free to go as low as the data allow but must pay to explain the data away as noise.
   */
  upperOnly?: boolean;
}

export interface HyperPrior {
  /** On log ℓ_k (every dimension alike). */
  lengthscale: NormalPrior;
  /** On log σ_f; omit for a flat prior between the bounds. */
  signal?: NormalPrior;
  /** On log σ_n; omit for a flat prior between the bounds. */
  noise?: NormalPrior;
}

/** −log p(θ) up to a constant; adds its gradient into grad (length d + 2). */
export function negLogPrior(theta: ArrayLike<number>, d: number, prior: HyperPrior, grad: Float64Array): number {
  let value = 0;
  const term = (j: number, p: NormalPrior | undefined) => {
    if (!p) return;
    const z = (theta[j]! - p.mean) / p.std;
    if (p.upperOnly && z < 0) return;
    value += 0.5 * z * z;
    grad[j]! += z / p.std;
  };
  for (let k = 0; k < d; k++) term(k, prior.lengthscale);
  term(d, prior.signal);
  term(d + 1, prior.noise);
  return value;
}

/**
 * ℓ: median 0.5 on the unit cube, one log-unit wide (95% between 0.07 and 3.5), so the data can
 * move it when they are clear. σ_n: free below 0.01 (deterministic objectives interpolate), a
 * normal tail above it, so that "it is all noise" (σ_f² at its floor, σ_n² ≈ 1) must be earned;
 * without it that optimum wins on a few flat-looking observations and EI turns into blind
 * exploration of the cube's corners. σ_f: flat between its bounds.
 */
export const DEFAULT_PRIOR: HyperPrior = {
  lengthscale: { mean: Math.log(0.5), std: 1 },
  noise: { mean: Math.log(0.01), std: 2, upperOnly: true },
};
