import { inflateSync } from 'node:zlib';

/**
 * A deliberately independent PNG reader for tests: 8-bit RGBA, non-interlaced only, all five
 * filter types. It shares no code with the encoder (not even the Paeth predictor), so a bug
 * there cannot cancel itself out here.
 */
export interface PngChunk {
  type: string;
  data: Buffer;
  crc: number;
}

export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  chunks: PngChunk[];
  /** Inflated IDAT: one filter byte then the row's bytes, per row. */
  filtered: Buffer;
  rgba: Uint8Array;
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function readChunks(png: Buffer): PngChunk[] {
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    chunks.push({
      type: png.toString('latin1', offset + 4, offset + 8),
      data: png.subarray(offset + 8, offset + 8 + length),
      crc: png.readUInt32BE(offset + 8 + length),
    });
    offset += 12 + length;
  }
  return chunks;
}

export function decodePng(png: Buffer): DecodedPng {
  if (!PNG_SIGNATURE.every((byte, i) => png[i] === byte)) throw new Error('bad PNG signature');
  const chunks = readChunks(png);
  const ihdr = chunks[0]!.data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const filtered = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * 4;
  const rgba = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const type = filtered[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const raw = filtered[y * (stride + 1) + 1 + i]!;
      const left = i >= 4 ? rgba[y * stride + i - 4]! : 0;
      const up = y > 0 ? rgba[(y - 1) * stride + i]! : 0;
      const upLeft = i >= 4 && y > 0 ? rgba[(y - 1) * stride + i - 4]! : 0;
      rgba[y * stride + i] = (raw + predictor(type, left, up, upLeft)) & 0xff;
    }
  }
  return { width, height, bitDepth: ihdr[8]!, colorType: ihdr[9]!, interlace: ihdr[12]!, chunks, filtered, rgba };
}

function predictor(type: number, left: number, up: number, upLeft: number): number {
  switch (type) {
    case 0: return 0;
    case 1: return left;
    case 2: return up;
    case 3: return Math.floor((left + up) / 2);
    case 4: {
      const estimate = left + up - upLeft;
      const distances = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
      const nearest = Math.min(...distances);
      return [left, up, upLeft][distances.indexOf(nearest)]!;
    }
    default: throw new Error(`unknown filter type ${type}`);
  }
}

export function pixelAt(image: DecodedPng, x: number, y: number): [number, number, number, number] {
  const i = (y * image.width + x) * 4;
  return [image.rgba[i]!, image.rgba[i + 1]!, image.rgba[i + 2]!, image.rgba[i + 3]!];
}
