import type { CoverageMask } from './coverage-mask.js';
import type { Point } from './geometry.js';

/**
 * Antialiased thick polylines: a pixel's coverage is how far its centre lies inside the band of
 * half the line width around the nearest segment, with a one-pixel soft edge. That gives round
 * joins and caps for free and looks smooth at any angle, at the price of visiting each
 * segment's bounding box (cheap for chart-sized lines).
 */
export function strokeCoverage(mask: CoverageMask, polyline: readonly Point[], width: number): void {
  const half = Math.max(0.5, width / 2);
  if (polyline.length === 1) {
    const only = polyline[0]!;
    strokeSegment(mask, only, only, half);
    return;
  }
  for (let i = 1; i < polyline.length; i++) strokeSegment(mask, polyline[i - 1]!, polyline[i]!, half);
}

function strokeSegment(mask: CoverageMask, [ax, ay]: Point, [bx, by]: Point, half: number): void {
  const reach = half + 1;
  const area = mask.area;
  const x0 = Math.max(area.x, Math.floor(Math.min(ax, bx) - reach));
  const x1 = Math.min(area.x + area.width - 1, Math.ceil(Math.max(ax, bx) + reach));
  const y0 = Math.max(area.y, Math.floor(Math.min(ay, by) - reach));
  const y1 = Math.min(area.y + area.height - 1, Math.ceil(Math.max(ay, by) + reach));
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      let t = lengthSquared > 0 ? ((px - ax) * dx + (py - ay) * dy) / lengthSquared : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const distance = Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
      const coverage = half + 0.5 - distance;
      if (coverage > 0) mask.max(x, y, coverage > 1 ? 1 : coverage);
    }
  }
}
