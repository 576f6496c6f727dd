/**
 * A stable string hash for experiment assignment. It must never change once experiments run:
 * changing it would silently reshuffle every user between variants mid-experiment.
 */
const encoder = new TextEncoder();

/** FNV-1a (32-bit) over the UTF-8 bytes, so the same text hashes the same on every platform. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * murmur3's fmix32 finalizer: FNV-1a alone mixes the last bytes poorly into the high bits, and
 * the high bits decide the variant, so near-identical keys (user-1, user-2) would cluster.
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in [0, 1) from the text, with 32-bit resolution. */
export function hashToUnit(text: string): number {
  return fmix32(fnv1a32(text)) / 4294967296;
}
