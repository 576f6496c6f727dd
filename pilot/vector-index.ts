/**
 * An exact in-memory vector index for retrieval: top-k rows by cosine similarity, optionally
 * restricted to a namespace and everything under it ('t:w:pilot' matches 't:w:pilot' and
 * 't:w:pilot:channel', not 't:w:pilotx').
 *
 * Exact, by a flat scan built to be tight. Rows live in fixed-size contiguous Float32Array
 * blocks (growing never copies what is stored), stored dimension-major inside a block: the
 * scan walks one dimension of 1,024 rows at a time (eight dimensions per pass, accumulating in
 * a Float64Array that stays in L1), and skips the dimensions where the query is zero. A dense
 * 256-dimension query costs the same as a row-by-row scan; a hashed short question, which
 * sets a dozen of 256 dimensions, reads only those columns, about 5% of the memory. Each row's
 * namespace is a small integer checked against a per-query mask, a block that holds no
 * matching namespace is skipped whole, and a bounded min-heap rejects almost every row with
 * one comparison.
 *
 * Vectors are stored unit-length (normalised on add) so the dot product is the cosine.
 */
import { TopK } from './top-k.js';

export interface VectorSearchOptions {
  /** Only rows in this namespace or below it (prefix up to a ':' boundary). */
  namespace?: string;
}

export interface VectorMatch {
  id: number;
  score: number;
}

export class VectorIndex {
  private readonly blockRows: number;
  private readonly blockShift: number;
  /** Block b holds rows [b·B, (b+1)·B); dimension j of its row r is at j·B + r. */
  private readonly vectors: Float32Array[] = [];
  private readonly ids: Float64Array[] = [];
  private readonly rowNamespaces: Int32Array[] = [];
  /** Namespaces that have had a row in each block: a superset, only used to skip blocks. */
  private readonly blockNamespaces: Array<Set<number>> = [];
  private readonly rowOf = new Map<number, number>();
  private readonly namespaceNames: string[] = [];
  private readonly namespaceIds = new Map<string, number>();
  private readonly scores: Float64Array;
  private rows = 0;

  /** `blockRows` is rounded up to a power of two (default 1,024 rows per block). */
  constructor(
    readonly dimensions: number,
    options: { blockRows?: number } = {},
  ) {
    if (!Number.isInteger(dimensions) || dimensions < 1) throw new RangeError(`dimensions must be a positive integer, got ${dimensions}`);
    this.blockShift = Math.max(0, Math.ceil(Math.log2(options.blockRows ?? 1024)));
    this.blockRows = 1 << this.blockShift;
    this.scores = new Float64Array(this.blockRows);
  }

  get size(): number {
    return this.rows;
  }

  has(id: number): boolean {
    return this.rowOf.has(id);
  }

  /** Adds a vector, or replaces the vector and namespace of an id already present. */
  add(id: number, vector: Float32Array, namespace: string): void {
    if (vector.length !== this.dimensions) throw new RangeError(`vector has ${vector.length} dimensions, the index ${this.dimensions}`);
    let row = this.rowOf.get(id);
    // A new row's slot is all zeros (fresh block, or zeroed by remove): only nonzeros need writing.
    const fresh = row === undefined;
    if (row === undefined) {
      row = this.rows++;
      if (row >> this.blockShift >= this.vectors.length) {
        this.vectors.push(new Float32Array(this.blockRows * this.dimensions));
        this.ids.push(new Float64Array(this.blockRows));
        this.rowNamespaces.push(new Int32Array(this.blockRows));
        this.blockNamespaces.push(new Set());
      }
      this.rowOf.set(id, row);
    }
    const block = row >> this.blockShift;
    const offset = row & (this.blockRows - 1);
    let norm = 0;
    for (let j = 0; j < vector.length; j++) norm += vector[j]! * vector[j]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const target = this.vectors[block]!;
    const stride = this.blockRows;
    for (let j = 0, at = offset; j < vector.length; j++, at += stride) {
      const v = vector[j]!;
      if (v !== 0 || !fresh) target[at] = v * scale;
    }
    this.ids[block]![offset] = id;
    const ns = this.namespaceId(namespace);
    this.rowNamespaces[block]![offset] = ns;
    this.blockNamespaces[block]!.add(ns);
  }

  /** Removes an id; the last row moves into its place so the scan stays dense. */
  remove(id: number): boolean {
    const row = this.rowOf.get(id);
    if (row === undefined) return false;
    this.rowOf.delete(id);
    const last = --this.rows;
    const [toBlock, toOffset] = [row >> this.blockShift, row & (this.blockRows - 1)];
    const [fromBlock, fromOffset] = [last >> this.blockShift, last & (this.blockRows - 1)];
    const from = this.vectors[fromBlock]!;
    const to = this.vectors[toBlock]!;
    for (let j = 0; j < this.dimensions; j++) {
      to[j * this.blockRows + toOffset] = from[j * this.blockRows + fromOffset]!;
      // The freed slot must read as zero: a partial last block is scanned whole.
      from[j * this.blockRows + fromOffset] = 0;
    }
    if (row !== last) {
      const movedId = this.ids[fromBlock]![fromOffset]!;
      this.ids[toBlock]![toOffset] = movedId;
      const ns = this.rowNamespaces[fromBlock]![fromOffset]!;
      this.rowNamespaces[toBlock]![toOffset] = ns;
      this.blockNamespaces[toBlock]!.add(ns);
      this.rowOf.set(movedId, row);
    }
    return true;
  }

  /** The k rows most similar to `query` (best first); none for a zero query. */
  search(query: Float32Array, k: number, options: VectorSearchOptions = {}): VectorMatch[] {
    if (query.length !== this.dimensions) throw new RangeError(`query has ${query.length} dimensions, the index ${this.dimensions}`);
    let norm = 0;
    let nonzeros = 0;
    for (let j = 0; j < query.length; j++) {
      norm += query[j]! * query[j]!;
      if (query[j] !== 0) nonzeros++;
    }
    if (norm === 0 || k < 1 || this.rows === 0) return [];
    const mask = options.namespace === undefined ? null : this.namespaceMask(options.namespace);
    if (mask && !mask.includes(1)) return [];
    // The query's nonzero dimensions, as column offsets within a block and values.
    const columns = new Int32Array(nonzeros);
    const values = new Float64Array(nonzeros);
    const scale = 1 / Math.sqrt(norm);
    for (let j = 0, t = 0; j < query.length; j++) {
      if (query[j] !== 0) {
        columns[t] = j * this.blockRows;
        values[t++] = query[j]! * scale;
      }
    }
    const heap = new TopK(Math.min(k, this.rows));
    let threshold = heap.threshold;
    const scores = this.scores;
    for (let b = 0; b < this.vectors.length; b++) {
      const first = b << this.blockShift;
      const count = Math.min(this.blockRows, this.rows - first);
      if (count <= 0) break;
      if (mask !== null && !this.blockMatches(b, mask)) continue;
      this.scoreBlock(this.vectors[b]!, columns, values, count);
      const namespaces = this.rowNamespaces[b]!;
      for (let r = 0; r < count; r++) {
        const score = scores[r]!;
        if (score > threshold && (mask === null || mask[namespaces[r]!] === 1)) {
          heap.push(score, first + r);
          threshold = heap.threshold;
        }
      }
    }
    return heap.sorted().map(({ id: row, score }) => ({ id: this.ids[row >> this.blockShift]![row & (this.blockRows - 1)]!, score }));
  }

  /** this.scores[r] = block row r · query, for r < count; eight query dimensions per pass over the rows. */
  private scoreBlock(block: Float32Array, columns: Int32Array, values: Float64Array, count: number): void {
    const scores = this.scores;
    scores.fill(0, 0, count);
    const n = columns.length;
    let t = 0;
    for (; t + 8 <= n; t += 8) {
      const c0 = columns[t]!;
      const c1 = columns[t + 1]!;
      const c2 = columns[t + 2]!;
      const c3 = columns[t + 3]!;
      const c4 = columns[t + 4]!;
      const c5 = columns[t + 5]!;
      const c6 = columns[t + 6]!;
      const c7 = columns[t + 7]!;
      const q0 = values[t]!;
      const q1 = values[t + 1]!;
      const q2 = values[t + 2]!;
      const q3 = values[t + 3]!;
      const q4 = values[t + 4]!;
      const q5 = values[t + 5]!;
      const q6 = values[t + 6]!;
      const q7 = values[t + 7]!;
      for (let r = 0; r < count; r++) {
        scores[r] =
          scores[r]! +
          q0 * block[c0 + r]! + q1 * block[c1 + r]! + q2 * block[c2 + r]! + q3 * block[c3 + r]! +
          q4 * block[c4 + r]! + q5 * block[c5 + r]! + q6 * block[c6 + r]! + q7 * block[c7 + r]!;
      }
    }
    for (; t < n; t++) {
      const c = columns[t]!;
      const q = values[t]!;
      for (let r = 0; r < count; r++) scores[r] = scores[r]! + q * block[c + r]!;
    }
  }

  private blockMatches(block: number, mask: Uint8Array): boolean {
    for (const ns of this.blockNamespaces[block]!) if (mask[ns] === 1) return true;
    return false;
  }

  private namespaceId(namespace: string): number {
    let id = this.namespaceIds.get(namespace);
    if (id === undefined) {
      id = this.namespaceNames.length;
      this.namespaceNames.push(namespace);
      this.namespaceIds.set(namespace, id);
    }
    return id;
  }

  private namespaceMask(prefix: string): Uint8Array {
    const mask = new Uint8Array(this.namespaceNames.length);
    const below = `${prefix}:`;
    this.namespaceNames.forEach((name, i) => {
      if (name === prefix || name.startsWith(below)) mask[i] = 1;
    });
    return mask;
  }
}
