import type { VariantPolicy } from '../store/experiment-records.js';

/**
 * The variant syntax of `/abtest create`, one word so it fits Slack's free text and a Discord
 * string option alike:
 *   arm:<armName>    always route to that provider (propensity 1)
 *   epsilon:<x>      the bandit with a constant exploration rate x ∈ [0, 1]
 *   lambda:<x>       the bandit with ridge prior λ = x > 0
 *   alpha:<x>        the bandit with optimism (UCB width) x ≥ 0
 * Several bandit settings combine with commas: `epsilon:0.2,lambda:5`; several challengers
 * (A/B/n) are separated by VARIANT_SEPARATOR: `arm:x;epsilon:0.2` are B and C.
 */
export function parseVariantSpec(spec: string): VariantPolicy {
  const text = spec.trim();
  const arm = /^arm:(.+)$/i.exec(text);
  if (arm) return { kind: 'fixed-arm', arm: arm[1]! };
  const overrides: Record<string, number> = {};
  for (const part of text.split(',')) {
    const match = /^(epsilon|lambda|alpha):([0-9.eE+-]+)$/i.exec(part.trim());
    const value = match ? Number(match[2]) : Number.NaN;
    if (!match || !Number.isFinite(value)) throw new Error(`"${part}" is not a variant setting: use arm:<name>, epsilon:<x>, lambda:<x> or alpha:<x>.`);
    const key = match[1]!.toLowerCase();
    if (key === 'epsilon' && !(value >= 0 && value <= 1)) throw new Error('epsilon must be between 0 and 1.');
    if (key === 'lambda' && !(value > 0)) throw new Error('lambda must be positive.');
    if (key === 'alpha' && !(value >= 0)) throw new Error('alpha must not be negative.');
    overrides[key === 'lambda' ? 'ridgeLambda' : key] = value;
  }
  return { kind: 'bandit', overrides };
}

/**
 * Separates challengers (B;C;…) in one option, and their shares likewise. Never part of a spec
 * (arm names are provider:model, settings use `,` and `:`), and unlike `|` it does not read as
 * "or" next to the spec syntax; without spaces it is one word in Slack's free text.
 */
export const VARIANT_SEPARATOR = ';';

/** Several challengers, `arm:x;epsilon:0.2` → B, C. */
export function parseVariantSpecs(text: string): VariantPolicy[] {
  const parts = text.split(VARIANT_SEPARATOR).map((part) => part.trim());
  if (parts.some((part) => part === '')) throw new Error(`Give each variant as arm:<name>, epsilon:<x>, lambda:<x> or alpha:<x>, separated by "${VARIANT_SEPARATOR}".`);
  return parts.map(parseVariantSpec);
}

/** How a variant's policy reads in /abtest list and status. */
/** Tuned values carry many digits; three significant ones are enough to read. */
const round = (x: number) => Number(x.toPrecision(3));

export function describePolicy(policy: VariantPolicy): string {
  if (policy.kind === 'fixed-arm') return `arm:${policy.arm}`;
  const o = policy.overrides ?? {};
  const parts = [
    ...(o.epsilon !== undefined ? [`epsilon:${round(o.epsilon)}`] : []),
    ...(o.epsilonFloor !== undefined && o.epsilonFloor !== o.epsilon ? [`floor:${round(o.epsilonFloor)}`] : []),
    ...(o.ridgeLambda !== undefined ? [`lambda:${round(o.ridgeLambda)}`] : []),
    ...(o.alpha !== undefined ? [`alpha:${round(o.alpha)}`] : []),
    ...(o.driftRate !== undefined ? [`drift:${round(o.driftRate)}@${round(o.driftDecay ?? 0)}`] : []),
  ];
  return parts.length ? parts.join(',') : 'default policy';
}

/** A share as a percentage (`20`, `20%`) or fraction (`0.2`); 50 % when left out. */
export function parseShare(raw: string | number | boolean | undefined): number {
  if (raw === undefined) return 0.5;
  const text = String(raw).trim().replace(/%$/, '');
  const value = Number(text);
  const fraction = value >= 1 ? value / 100 : value;
  if (!Number.isFinite(fraction) || fraction <= 0 || fraction >= 1) throw new Error(`share "${String(raw)}" must be between 0 and 100 %, exclusive.`);
  return fraction;
}

/**
 * Each challenger's share of members. One value is the challengers' total, split evenly (50 %
 * when left out, so B, C get 25 % each and control keeps half); one value per challenger
 * (`20;10`, or an array from the API) sets each. Control gets what is left.
 */
export function parseShares(raw: string | number | boolean | readonly unknown[] | undefined, challengers: number): number[] {
  const values = Array.isArray(raw)
    ? raw.map((v) => (typeof v === 'number' || typeof v === 'string' ? v : Number.NaN))
    : raw === undefined ? [] : String(raw).split(VARIANT_SEPARATOR);
  if (values.length <= 1) {
    const total = parseShare(values[0]);
    return Array.from({ length: challengers }, () => total / challengers);
  }
  if (values.length !== challengers) throw new Error(`${values.length} shares for ${challengers} variants: give one total or one share per variant.`);
  const shares = values.map(parseShare);
  const total = shares.reduce((sum, share) => sum + share, 0);
  if (total >= 1) throw new Error(`The shares add up to ${Math.round(100 * total)} %: control needs some members too.`);
  return shares;
}
