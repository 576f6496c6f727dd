/**
 * The k best (score, id) pairs of a stream, kept in a bounded binary min-heap: the root is the
 * weakest of the current k, so a candidate is rejected with one comparison, which is what a
 * scan over 100k rows does almost every time.
 */
export class TopK {
  private readonly scores: Float64Array;
  private readonly ids: Float64Array;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`capacity must be a non-negative integer, got ${capacity}`);
    this.scores = new Float64Array(capacity);
    this.ids = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The score a candidate must beat to enter (−∞ until the heap is full). */
  get threshold(): number {
    return this.count < this.capacity ? -Infinity : this.capacity === 0 ? Infinity : this.scores[0]!;
  }

  push(score: number, id: number): void {
    if (this.count < this.capacity) {
      let i = this.count++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent]! <= score) break;
        this.scores[i] = this.scores[parent]!;
        this.ids[i] = this.ids[parent]!;
        i = parent;
      }
      this.scores[i] = score;
      this.ids[i] = id;
      return;
    }
    if (this.capacity === 0 || score <= this.scores[0]!) return;
    // Replace the root and sift down.
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.count) break;
      const right = left + 1;
      const child = right < this.count && this.scores[right]! < this.scores[left]! ? right : left;
      if (this.scores[child]! >= score) break;
      this.scores[i] = this.scores[child]!;
      this.ids[i] = this.ids[child]!;
      i = child;
    }
    this.scores[i] = score;
    this.ids[i] = id;
  }

  /** The kept pairs, best first (ties by smaller id). */
  sorted(): Array<{ id: number; score: number }> {
    const out: Array<{ id: number; score: number }> = [];
    for (let i = 0; i < this.count; i++) out.push({ id: this.ids[i]!, score: this.scores[i]! });
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }
}
