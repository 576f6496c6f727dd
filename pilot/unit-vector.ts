/**
 * Turns what a provider sent back into the unit vectors the pilot stores. Providers do not all
 * normalise (Gemini does not below its full size, local servers vary), and a dot product is only
 * a cosine on unit vectors, so every vector is normalised here and anything odd is refused.
 */
export function toUnitVectors(
  raw: readonly unknown[],
  expected: { count: number; dimensions: number },
  fail: (what: string) => Error,
): Float32Array[] {
  if (raw.length !== expected.count) throw fail(`expected ${expected.count} vectors, got ${raw.length}`);
  return raw.map((values, i) => {
    if (!Array.isArray(values)) throw fail(`vector ${i} is not an array of numbers`);
    if (values.length !== expected.dimensions) {
      throw fail(`vector ${i} has ${values.length} values, expected ${expected.dimensions} (is dimensions set to the model's size?)`);
    }
    const vector = new Float32Array(values.length);
    let sumOfSquares = 0;
    for (let j = 0; j < values.length; j++) {
      const value: unknown = values[j];
      if (typeof value !== 'number' || !Number.isFinite(value)) throw fail(`vector ${i} holds a value that is not a finite number`);
      vector[j] = value;
      sumOfSquares += value * value;
    }
    const norm = Math.sqrt(sumOfSquares);
    if (norm === 0) throw fail(`vector ${i} is all zeros and has no direction`);
    for (let j = 0; j < vector.length; j++) vector[j] = vector[j]! / norm;
    return vector;
  });
}
