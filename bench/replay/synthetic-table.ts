import { gaussian, Sfc32 } from '../../bandits/rng.js';
import type { Table } from '../table/load-table.js';

/**
 * A seeded classification table of a given shape (rows × classes × features), turned into a bandit
 * problem the way FORMAT.md's tables are: one arm per class, reward 1 for the true class. Classes
 * are Gaussian blobs with unscaled, shifted features, so the featurizer's standardization matters.
 * Used to measure speed on the shapes (e.g. 20,000 × 26 × 16, like UCI letter).
 */
export function syntheticTable(name: string, rows: number, arms: number, features: number, seed: number): Table {
  const rng = Sfc32.fromSeed(seed);
  const centres = Array.from({ length: arms }, () => Float64Array.from({ length: features }, () => 3 * gaussian(rng)));
  const scale = Float64Array.from({ length: features }, () => 1 + 50 * rng.next());
  const numeric: Float64Array[] = [];
  const reward = new Float64Array(rows * arms);
  for (let i = 0; i < rows; i++) {
    const label = Math.floor(rng.next() * arms);
    numeric.push(Float64Array.from(centres[label]!, (c, j) => (c + 1.5 * gaussian(rng)) * scale[j]! + 100));
    reward[i * arms + label] = 1;
  }
  return {
    name, arms: Array.from({ length: arms }, (_, a) => `class-${a}`), rows,
    numericNames: Array.from({ length: features }, (_, j) => `x.f${j}`), numeric, text: undefined, reward,
    quality: undefined, cost: undefined,
  };
}
