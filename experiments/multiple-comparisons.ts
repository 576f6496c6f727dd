/**
 * A/B/n: each variant is compared with control only (k − 1 comparisons). Bonferroni splits α
 * across them; it needs no independence between comparisons, which share the control arm, and
 * it carries over unchanged to always-valid intervals, unlike step-down procedures.
 */
import type { ArmStats } from './arm-stats.js';
import type { AlwaysValidOptions, AlwaysValidResult } from './always-valid.js';
import { compareArms, DEFAULT_ALPHA } from './always-valid.js';

export interface NamedArm {
  name: string;
  stats: ArmStats;
}

export interface VariantComparison extends AlwaysValidResult {
  variant: string;
  /** The p-value multiplied by the number of comparisons (capped at 1), comparable with the family α. */
  adjustedPValue: number;
}

export function compareAgainstControl(control: ArmStats, variants: readonly NamedArm[], options: AlwaysValidOptions = {}): VariantComparison[] {
  const k = Math.max(1, variants.length);
  const familyAlpha = options.alpha ?? DEFAULT_ALPHA;
  return variants.map(({ name, stats }) => {
    const result = compareArms(control, stats, { ...options, alpha: familyAlpha / k });
    return { ...result, variant: name, adjustedPValue: Math.min(1, result.pValue * k) };
  });
}
