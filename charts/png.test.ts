import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';
import { encodePng } from './png.js';
import { decodePng, PNG_SIGNATURE, readChunks } from './testing/decode-png.js';

/** Bit-at-a-time CRC-32, independent of the table-driven one under test. */
function referenceCrc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function gradient(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      rgba[i] = (x * 7) & 0xff;
      rgba[i + 1] = (y * 13) & 0xff;
      rgba[i + 2] = (x * y) & 0xff;
      rgba[i + 3] = 255 - ((x + y) & 0x7f);
    }
  }
  return rgba;
}

describe('crc32', () => {
  it('matches the standard check value and a bitwise reference', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const bytes = gradient(17, 5);
    expect(crc32(bytes)).toBe(referenceCrc32(bytes));
    expect(crc32(bytes.subarray(40), crc32(bytes.subarray(0, 40)))).toBe(crc32(bytes));
  });
});

describe('encodePng', () => {
  const width = 37;
  const height = 23;
  const pixels = gradient(width, height);
  const png = encodePng(width, height, pixels);

  it('starts with the signature and has IHDR, IDAT, IEND in order', () => {
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(readChunks(png).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  });

  it('writes 8-bit RGBA, non-interlaced IHDR fields', () => {
    const ihdr = readChunks(png)[0]!.data;
    expect(ihdr.length).toBe(13);
    expect(ihdr.readUInt32BE(0)).toBe(width);
    expect(ihdr.readUInt32BE(4)).toBe(height);
    expect([...ihdr.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
  });

  it('gives every chunk a CRC over its type and data', () => {
    for (const chunk of readChunks(png)) {
      const typed = Buffer.concat([Buffer.from(chunk.type, 'latin1'), chunk.data]);
      expect(chunk.crc).toBe(referenceCrc32(typed));
    }
  });

  it('inflates to one filter byte plus 4·width bytes per row', () => {
    const decoded = decodePng(png);
    expect(decoded.filtered.length).toBe(height * (1 + 4 * width));
  });

  it('round-trips the pixels through whatever filters it chose', () => {
    const decoded = decodePng(png);
    expect(Buffer.from(decoded.rgba).equals(Buffer.from(pixels))).toBe(true);
    const filterTypes = new Set<number>();
    for (let y = 0; y < height; y++) filterTypes.add(decoded.filtered[y * (1 + 4 * width)]!);
    expect([...filterTypes].every((t) => t >= 0 && t <= 4)).toBe(true);
    expect(filterTypes.size).toBeGreaterThan(1);
  });

  it('is deterministic and rejects sizes that do not match the pixels', () => {
    expect(encodePng(width, height, pixels).equals(png)).toBe(true);
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(RangeError);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(RangeError);
  });
});
