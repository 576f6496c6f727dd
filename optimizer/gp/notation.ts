/**
 * Notation shared by every file in optimizer/gp/ (and the acquisition on top of it).
 *
 *   n            number of observations; d number of dimensions of the encoded search space
 *   X ∈ [0,1]^{n×d}  observed inputs after encoding the search space to the unit cube,
 *                row-major Float64Array, X[i*d + k]
 *   y ∈ R^n      observed values, standardized: y = (raw − mean(raw)) / std(raw), so the GP's
 *                prior mean is 0 and σ_f² ≈ 1 is a good default
 *   ℓ ∈ R^d      per-dimension lengthscales (ARD), bounded to [0.01, 10] on the unit cube
 *   σ_f²         signal variance (≤ 100: a strong trend, as in Branin, standardizes to a large
 *                amplitude); σ_n² noise variance (≥ 1e-9, in standardized units, so a deterministic
 *                objective can be interpolated closely; the Cholesky jitter guards the rounding)
 *   θ ∈ R^{d+2}  hyperparameters in log space: θ = (log ℓ_1 … log ℓ_d, log σ_f, log σ_n)
 *   r(x, x')     scaled distance √(Σ_k (x_k − x'_k)² / ℓ_k²)
 *   k(x, x')     Matern-5/2: σ_f² (1 + √5 r + 5r²/3) exp(−√5 r)
 *   K ∈ R^{n×n}  K_ij = k(x_i, x_j);  K_y = K + σ_n² I
 *   L            lower Cholesky factor, L Lᵀ = K_y (with jitter when rounding demands it)
 *   α ∈ R^n      α = K_y⁻¹ y
 *   k_* ∈ R^n    k_*i = k(x, x_i) for a query point x
 *   μ(x)         predictive mean k_*ᵀ α;  v = L⁻¹ k_*;  s²(x) = σ_f² − vᵀv predictive variance of
 *                the latent function (noise excluded: EI asks about f, not a noisy re-measurement)
 *   NLL(θ)       negative log marginal likelihood ½ yᵀα + Σ_i log L_ii + (n/2) log 2π
 *   ∂NLL/∂θ_j    −½ tr((α αᵀ − K_y⁻¹) ∂K_y/∂θ_j)
 *   p(θ)         hyperparameter prior (./hyperprior.ts); the fit minimizes NLL(θ) − log p(θ) (MAP)
 */
export interface GpHyperparameters {
  /** Lengthscales ℓ, length d. */
  lengthscales: number[];
  /** σ_f² */
  signalVariance: number;
  /** σ_n² */
  noiseVariance: number;
}

/** Log-space bounds on θ; the defaults follow the unit-cube encoding and standardized y. */
export interface HyperparameterBounds {
  lengthscale: [number, number];
  signalVariance: [number, number];
  noiseVariance: [number, number];
}

export const DEFAULT_BOUNDS: HyperparameterBounds = {
  lengthscale: [0.01, 10],
  signalVariance: [0.05, 100],
  noiseVariance: [1e-9, 1],
};

export function toTheta(h: GpHyperparameters): Float64Array {
  const d = h.lengthscales.length;
  const theta = new Float64Array(d + 2);
  for (let k = 0; k < d; k++) theta[k] = Math.log(h.lengthscales[k]!);
  theta[d] = 0.5 * Math.log(h.signalVariance);
  theta[d + 1] = 0.5 * Math.log(h.noiseVariance);
  return theta;
}

export function fromTheta(theta: ArrayLike<number>, d: number): GpHyperparameters {
  const lengthscales: number[] = [];
  for (let k = 0; k < d; k++) lengthscales.push(Math.exp(theta[k]!));
  return { lengthscales, signalVariance: Math.exp(2 * theta[d]!), noiseVariance: Math.exp(2 * theta[d + 1]!) };
}

export function thetaBounds(d: number, b: HyperparameterBounds = DEFAULT_BOUNDS): { lo: Float64Array; hi: Float64Array } {
  const lo = new Float64Array(d + 2);
  const hi = new Float64Array(d + 2);
  for (let k = 0; k < d; k++) {
    lo[k] = Math.log(b.lengthscale[0]);
    hi[k] = Math.log(b.lengthscale[1]);
  }
  lo[d] = 0.5 * Math.log(b.signalVariance[0]);
  hi[d] = 0.5 * Math.log(b.signalVariance[1]);
  lo[d + 1] = 0.5 * Math.log(b.noiseVariance[0]);
  hi[d + 1] = 0.5 * Math.log(b.noiseVariance[1]);
  return { lo, hi };
}
