import { createHash } from 'node:crypto';

/**
 * A deterministic stand-in for a model's embedding: a pseudo-random vector seeded by a hash of
 * the model and the text, so equal texts give equal vectors and different texts different ones.
 * Deliberately not unit length (as Gemini below full size and many local servers are not), so
 * that the embedders' own normalisation is what the tests see.
 */
export function fakeVector(model: string, text: string, dimensions: number): number[] {
  const digest = createHash('sha256').update(`${model}\n${text}`).digest();
  let state = digest.readUInt32LE(0) || 1;
  const scale = 0.5 + digest[4]! / 255;
  const values: number[] = [];
  for (let i = 0; i < dimensions; i++) {
    // xorshift32: enough spread for tests, and identical on every platform.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    values.push(Number(((state / 0xffffffff * 2 - 1) * scale).toFixed(6)));
  }
  return values;
}
