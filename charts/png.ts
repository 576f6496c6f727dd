import { deflateSync } from 'node:zlib';
import { crc32 } from './crc32.js';

/**
 * Minimal PNG encoder: 8-bit RGBA, non-interlaced, one IDAT. Each row gets the filter that
 * minimises the sum of absolute residuals (the heuristic the PNG spec recommends), which keeps
 * flat chart backgrounds and long horizontal grid lines very cheap to deflate.
 */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BYTES_PER_PIXEL = 4;

export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`PNG size must be positive integers, got ${width}×${height}`);
  }
  if (rgba.length !== width * height * BYTES_PER_PIXEL) {
    throw new RangeError(`expected ${width * height * BYTES_PER_PIXEL} RGBA bytes, got ${rgba.length}`);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method: adaptive
  ihdr[12] = 0; // interlace: none
  // Fixed level and strategy: the same pixels must always give the same bytes.
  const idat = deflateSync(filterRows(width, height, rgba), { level: 9 });
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  // The CRC covers the type and the data, not the length.
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function filterRows(width: number, height: number, rgba: Uint8Array): Buffer {
  const stride = width * BYTES_PER_PIXEL;
  const out = Buffer.alloc(height * (stride + 1));
  const candidate = new Uint8Array(stride);
  const zeroRow = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = rgba.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? rgba.subarray((y - 1) * stride, y * stride) : zeroRow;
    let bestType = 0;
    let bestScore = Infinity;
    for (let type = 0; type <= 4; type++) {
      const score = applyFilter(type, row, up, candidate);
      if (score < bestScore) {
        bestScore = score;
        bestType = type;
      }
    }
    const offset = y * (stride + 1);
    out[offset] = bestType;
    applyFilter(bestType, row, up, out.subarray(offset + 1, offset + 1 + stride));
  }
  return out;
}

/** Writes the filtered row into `dest` and returns its cost (residuals read as signed bytes). */
function applyFilter(type: number, row: Uint8Array, up: Uint8Array, dest: Uint8Array): number {
  let score = 0;
  for (let i = 0; i < row.length; i++) {
    const a = i >= BYTES_PER_PIXEL ? row[i - BYTES_PER_PIXEL]! : 0;
    const b = up[i]!;
    const c = i >= BYTES_PER_PIXEL ? up[i - BYTES_PER_PIXEL]! : 0;
    const x = row[i]!;
    let predicted: number;
    switch (type) {
      case 0: predicted = 0; break;
      case 1: predicted = a; break;
      case 2: predicted = b; break;
      case 3: predicted = (a + b) >>> 1; break;
      default: predicted = paeth(a, b, c);
    }
    const residual = (x - predicted) & 0xff;
    dest[i] = residual;
    score += residual < 128 ? residual : 256 - residual;
  }
  return score;
}

export function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}
