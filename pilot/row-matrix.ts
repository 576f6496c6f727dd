/**
 * Read access to the rows of an n × d matrix for clustering, in the form that is fastest for
 * the data. Hashed text vectors are sparse (a chat message sets ~20 of 256 dimensions), so
 * their rows are kept as compressed sparse rows and every product costs the nonzeros only;
 * provider embeddings are dense and are read in place. Both give the same numbers.
 *
 * Centroid products use a transposed d × k layout (centroid c of dimension j at j·k + c): a row
 * then scores against all k centroids with one pass over its own entries.
 */

export interface RowMatrix {
  readonly rows: number;
  readonly dimensions: number;
  /** scores[c] = row i · centroid c, for the k centroids in transposed d × k layout. */
  scoreCentroids(i: number, centroidsT: Float64Array, k: number, scores: Float64Array): void;
  /** target[offset + j] += row i [j]. */
  addRowTo(i: number, target: Float64Array, offset: number): void;
  /** target[offset + j] += scale · row i [j]. */
  addScaledRowTo(i: number, target: Float64Array, offset: number, scale: number): void;
  /** row i · row j. */
  dotRows(i: number, j: number): number;
  /** row i · row i. */
  squaredNorm(i: number): number;
  /** A new matrix of the given rows, in that order. */
  subset(indices: ArrayLike<number>): RowMatrix;
}

/** Below this fraction of nonzeros the sparse form is used. */
const SPARSE_BELOW = 0.3;

/** The matrix view of a contiguous row-major Float32Array, sparse when that is cheaper. */
export function rowMatrix(data: Float32Array, dimensions: number): RowMatrix {
  if (!Number.isInteger(dimensions) || dimensions < 1 || data.length % dimensions !== 0) {
    throw new RangeError(`data of length ${data.length} is not a whole number of rows of ${dimensions} dimensions`);
  }
  // Density from ~1,000 evenly spaced rows: a full counting pass would cost as much as the conversion.
  const rows = data.length / dimensions;
  const step = Math.max(1, Math.floor(rows / 1000));
  let seen = 0;
  let nonzeros = 0;
  for (let r = 0; r < rows; r += step, seen += dimensions) {
    for (let j = r * dimensions; j < (r + 1) * dimensions; j++) if (data[j] !== 0) nonzeros++;
  }
  return nonzeros < SPARSE_BELOW * seen ? SparseRows.fromDense(data, dimensions, Math.ceil((1.25 * nonzeros * rows) / Math.max(1, seen / dimensions))) : new DenseRows(data, dimensions);
}

export class DenseRows implements RowMatrix {
  readonly rows: number;

  constructor(
    readonly data: Float32Array,
    readonly dimensions: number,
  ) {
    this.rows = data.length / dimensions;
  }

  scoreCentroids(i: number, centroidsT: Float64Array, k: number, scores: Float64Array): void {
    scores.fill(0, 0, k);
    const base = i * this.dimensions;
    for (let j = 0; j < this.dimensions; j++) {
      const v = this.data[base + j]!;
      if (v === 0) continue;
      const off = j * k;
      for (let c = 0; c < k; c++) scores[c] = scores[c]! + v * centroidsT[off + c]!;
    }
  }

  addRowTo(i: number, target: Float64Array, offset: number): void {
    const base = i * this.dimensions;
    for (let j = 0; j < this.dimensions; j++) target[offset + j] = target[offset + j]! + this.data[base + j]!;
  }

  addScaledRowTo(i: number, target: Float64Array, offset: number, scale: number): void {
    const base = i * this.dimensions;
    for (let j = 0; j < this.dimensions; j++) target[offset + j] = target[offset + j]! + scale * this.data[base + j]!;
  }

  dotRows(i: number, j: number): number {
    const a = i * this.dimensions;
    const b = j * this.dimensions;
    let sum = 0;
    for (let t = 0; t < this.dimensions; t++) sum += this.data[a + t]! * this.data[b + t]!;
    return sum;
  }

  squaredNorm(i: number): number {
    return this.dotRows(i, i);
  }

  subset(indices: ArrayLike<number>): DenseRows {
    const d = this.dimensions;
    const out = new Float32Array(indices.length * d);
    for (let r = 0; r < indices.length; r++) out.set(this.data.subarray(indices[r]! * d, (indices[r]! + 1) * d), r * d);
    return new DenseRows(out, d);
  }
}

export class SparseRows implements RowMatrix {
  readonly rows: number;
  /** Dense scratch row for dotRows: scatter one row, gather the other. */
  private readonly scratch: Float64Array;

  constructor(
    readonly dimensions: number,
    /** Row r's entries are at [starts[r], starts[r + 1]). */
    private readonly starts: Int32Array,
    private readonly columns: Int32Array,
    private readonly values: Float32Array,
  ) {
    this.rows = starts.length - 1;
    this.scratch = new Float64Array(dimensions);
  }

  /** CSR of a dense row-major matrix in one pass; `capacity` is a guess of the nonzeros, grown when short. */
  static fromDense(data: Float32Array, dimensions: number, capacity: number): SparseRows {
    const rows = data.length / dimensions;
    const starts = new Int32Array(rows + 1);
    let columns = new Int32Array(Math.max(16, capacity));
    let values = new Float32Array(columns.length);
    let at = 0;
    for (let r = 0; r < rows; r++) {
      starts[r] = at;
      if (at + dimensions > columns.length) {
        const grown = Math.max(2 * columns.length, at + dimensions);
        const c = new Int32Array(grown);
        c.set(columns.subarray(0, at));
        const v = new Float32Array(grown);
        v.set(values.subarray(0, at));
        columns = c;
        values = v;
      }
      const base = r * dimensions;
      for (let j = 0; j < dimensions; j++) {
        const v = data[base + j]!;
        if (v !== 0) {
          columns[at] = j;
          values[at++] = v;
        }
      }
    }
    starts[rows] = at;
    return new SparseRows(dimensions, starts, columns.subarray(0, at), values.subarray(0, at));
  }

  scoreCentroids(i: number, centroidsT: Float64Array, k: number, scores: Float64Array): void {
    scores.fill(0, 0, k);
    const end = this.starts[i + 1]!;
    for (let t = this.starts[i]!; t < end; t++) {
      const v = this.values[t]!;
      const off = this.columns[t]! * k;
      for (let c = 0; c < k; c++) scores[c] = scores[c]! + v * centroidsT[off + c]!;
    }
  }

  addRowTo(i: number, target: Float64Array, offset: number): void {
    const end = this.starts[i + 1]!;
    for (let t = this.starts[i]!; t < end; t++) {
      const at = offset + this.columns[t]!;
      target[at] = target[at]! + this.values[t]!;
    }
  }

  addScaledRowTo(i: number, target: Float64Array, offset: number, scale: number): void {
    const end = this.starts[i + 1]!;
    for (let t = this.starts[i]!; t < end; t++) {
      const at = offset + this.columns[t]!;
      target[at] = target[at]! + scale * this.values[t]!;
    }
  }

  dotRows(i: number, j: number): number {
    const scratch = this.scratch;
    const endI = this.starts[i + 1]!;
    for (let t = this.starts[i]!; t < endI; t++) scratch[this.columns[t]!] = this.values[t]!;
    let sum = 0;
    const endJ = this.starts[j + 1]!;
    for (let t = this.starts[j]!; t < endJ; t++) sum += this.values[t]! * scratch[this.columns[t]!]!;
    for (let t = this.starts[i]!; t < endI; t++) scratch[this.columns[t]!] = 0;
    return sum;
  }

  squaredNorm(i: number): number {
    let sum = 0;
    const end = this.starts[i + 1]!;
    for (let t = this.starts[i]!; t < end; t++) sum += this.values[t]! * this.values[t]!;
    return sum;
  }

  subset(indices: ArrayLike<number>): SparseRows {
    let nonzeros = 0;
    for (let r = 0; r < indices.length; r++) nonzeros += this.starts[indices[r]! + 1]! - this.starts[indices[r]!]!;
    const starts = new Int32Array(indices.length + 1);
    const columns = new Int32Array(nonzeros);
    const values = new Float32Array(nonzeros);
    let at = 0;
    for (let r = 0; r < indices.length; r++) {
      starts[r] = at;
      const from = this.starts[indices[r]!]!;
      const to = this.starts[indices[r]! + 1]!;
      columns.set(this.columns.subarray(from, to), at);
      values.set(this.values.subarray(from, to), at);
      at += to - from;
    }
    starts[indices.length] = at;
    return new SparseRows(this.dimensions, starts, columns, values);
  }
}
