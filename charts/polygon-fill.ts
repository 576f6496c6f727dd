import type { CoverageMask } from './coverage-mask.js';
import type { Point } from './geometry.js';

/**
 * Antialiased polygon fill with the non-zero winding rule: several sub-scanlines per pixel row,
 * and on each one exact fractional coverage at the span ends. Confidence bands are polygons
 * whose upper and lower edges may cross, which non-zero fills without holes.
 */
const SUBSAMPLES = 5;

interface Crossing {
  x: number;
  winding: number;
}

export function fillPolygonCoverage(mask: CoverageMask, polygon: readonly Point[]): void {
  if (polygon.length < 3) return;
  const area = mask.area;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y] of polygon) {
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const rowStart = Math.max(area.y, Math.floor(minY));
  const rowEnd = Math.min(area.y + area.height - 1, Math.ceil(maxY));
  const crossings: Crossing[] = [];
  for (let row = rowStart; row <= rowEnd; row++) {
    for (let s = 0; s < SUBSAMPLES; s++) {
      const sy = row + (s + 0.5) / SUBSAMPLES;
      crossings.length = 0;
      for (let i = 0; i < polygon.length; i++) {
        const [ax, ay] = polygon[i]!;
        const [bx, by] = polygon[(i + 1) % polygon.length]!;
        if (ay === by) continue;
        // Half-open in y so that a vertex shared by two edges is counted once.
        const upward = ay > by;
        const top = upward ? by : ay;
        const bottom = upward ? ay : by;
        if (sy < top || sy >= bottom) continue;
        crossings.push({ x: ax + ((sy - ay) / (by - ay)) * (bx - ax), winding: upward ? -1 : 1 });
      }
      crossings.sort((p, q) => p.x - q.x);
      let winding = 0;
      for (let i = 0; i < crossings.length; i++) {
        const wasInside = winding !== 0;
        winding += crossings[i]!.winding;
        if (!wasInside && winding !== 0 && i + 1 < crossings.length) {
          // Find where this inside run ends.
          let j = i + 1;
          let w = winding;
          while (j < crossings.length) {
            w += crossings[j]!.winding;
            if (w === 0) break;
            j++;
          }
          if (j < crossings.length) addSpan(mask, row, crossings[i]!.x, crossings[j]!.x);
          winding = 0;
          i = j;
        }
      }
    }
  }
}

function addSpan(mask: CoverageMask, row: number, from: number, to: number): void {
  const left = Math.max(from, mask.area.x);
  const right = Math.min(to, mask.area.x + mask.area.width);
  if (right <= left) return;
  const weight = 1 / SUBSAMPLES;
  const firstPixel = Math.floor(left);
  const lastPixel = Math.ceil(right) - 1;
  if (firstPixel === lastPixel) {
    mask.add(firstPixel, row, (right - left) * weight);
    return;
  }
  mask.add(firstPixel, row, (firstPixel + 1 - left) * weight);
  for (let x = firstPixel + 1; x < lastPixel; x++) mask.add(x, row, weight);
  mask.add(lastPixel, row, (right - lastPixel) * weight);
}
