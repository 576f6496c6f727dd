/**
 * Adjusted Rand index (Hubert & Arabie 1985) of two labelings of the same items: 1 for the same
 * partition (whatever the label names), about 0 for independent labelings, negative when worse
 * than chance. Pair counts come from the contingency table:
 *
 *   ARI = (Σ C(n_ij, 2) − E) / (½ (Σ C(a_i, 2) + Σ C(b_j, 2)) − E),  E = Σ C(a_i, 2) · Σ C(b_j, 2) / C(n, 2)
 *
 * When the denominator is 0 (both labelings put everything in one cluster, or everything in
 * singletons) the partitions are identical and the answer is 1, as in scikit-learn.
 */

const pairs = (x: number) => (x * (x - 1)) / 2;

/** Labels renumbered 0..m-1 in order of first appearance; returns m. */
function dense(labels: ArrayLike<number>, out: Int32Array): number {
  const ids = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    let id = ids.get(label);
    if (id === undefined) ids.set(label, (id = ids.size));
    out[i] = id;
  }
  return ids.size;
}

export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`labelings differ in length: ${n} and ${b.length}`);
  if (n < 2) return 1;
  const da = new Int32Array(n);
  const db = new Int32Array(n);
  const ka = dense(a, da);
  const kb = dense(b, db);
  const rowSums = new Float64Array(ka);
  const colSums = new Float64Array(kb);
  let sumCells = 0;
  if (ka * kb <= 4_000_000) {
    const table = new Float64Array(ka * kb);
    for (let i = 0; i < n; i++) table[da[i]! * kb + db[i]!]!++;
    for (let x = 0; x < table.length; x++) if (table[x]! > 1) sumCells += pairs(table[x]!);
  } else {
    // Many clusters on both sides (near-singleton labelings): a sparse table.
    const table = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const key = da[i]! * kb + db[i]!;
      table.set(key, (table.get(key) ?? 0) + 1);
    }
    for (const count of table.values()) sumCells += pairs(count);
  }
  for (let i = 0; i < n; i++) {
    rowSums[da[i]!]!++;
    colSums[db[i]!]!++;
  }
  let sumA = 0;
  let sumB = 0;
  for (const v of rowSums) sumA += pairs(v);
  for (const v of colSums) sumB += pairs(v);
  const expected = (sumA * sumB) / pairs(n);
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1;
  return (sumCells - expected) / (max - expected);
}
