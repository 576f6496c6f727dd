/**
 * Deterministic variant assignment: a user keeps its variant for the whole experiment without
 * any stored state, and a new salt (or experiment name) reshuffles users independently of past
 * experiments, so one experiment's winners are not systematically the next one's control.
 */
import { hashToUnit } from './stable-hash.js';

export interface VariantShare {
  name: string;
  /** Relative traffic share; shares are normalised by their sum. */
  share: number;
}

export interface AssignmentKey {
  tenant: string;
  user: string;
  experiment: string;
  salt?: string;
}

/** Length-prefixed so that ("ab", "c") and ("a", "bc") can never produce the same string. */
export function assignmentKey({ tenant, user, experiment, salt = '' }: AssignmentKey): string {
  return [salt, experiment, tenant, user].map((part) => `${part.length}:${part}`).join('|');
}

/** Cumulative normalised shares; validated once so per-request assignment stays cheap. */
export function cumulativeShares(variants: readonly VariantShare[]): number[] {
  if (variants.length === 0) throw new Error('An experiment needs at least one variant.');
  const names = new Set(variants.map((v) => v.name));
  if (names.size !== variants.length) throw new Error('Variant names must be unique.');
  for (const v of variants) {
    if (!Number.isFinite(v.share) || v.share <= 0) throw new Error(`Variant "${v.name}" has share ${v.share}; shares must be positive numbers.`);
  }
  const total = variants.reduce((s, v) => s + v.share, 0);
  let running = 0;
  return variants.map((v) => (running += v.share / total));
}

/** Index of the variant whose cumulative-share bucket contains u ∈ [0, 1). */
export function bucketOf(u: number, cumulative: readonly number[]): number {
  for (let i = 0; i < cumulative.length; i++) if (u < cumulative[i]!) return i;
  // Rounding can leave the last cumulative share a hair below 1.
  return cumulative.length - 1;
}

export function assignVariant(key: AssignmentKey, variants: readonly VariantShare[]): VariantShare {
  return variants[bucketOf(hashToUnit(assignmentKey(key)), cumulativeShares(variants))]!;
}
