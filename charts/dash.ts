import type { Point } from './geometry.js';

/**
 * Cuts a polyline into the "on" pieces of a dash pattern (alternating on/off lengths in pixels),
 * measured along the line so that dashes keep their length around corners.
 */
export function dashPolyline(polyline: readonly Point[], pattern: readonly number[]): Point[][] {
  const total = pattern.reduce((sum, length) => sum + length, 0);
  if (pattern.length === 0 || total <= 0 || pattern.some((length) => length < 0)) return [polyline.slice()];
  const pieces: Point[][] = [];
  let patternIndex = 0;
  let remaining = pattern[0]!;
  let on = true;
  let current: Point[] = [];
  for (let i = 1; i < polyline.length; i++) {
    let [ax, ay] = polyline[i - 1]!;
    const [bx, by] = polyline[i]!;
    let segment = Math.hypot(bx - ax, by - ay);
    if (on && current.length === 0) current.push([ax, ay]);
    while (segment > remaining) {
      const t = remaining / segment;
      const cx = ax + (bx - ax) * t;
      const cy = ay + (by - ay) * t;
      if (on) {
        current.push([cx, cy]);
        pieces.push(current);
        current = [];
      } else {
        current = [[cx, cy]];
      }
      segment -= remaining;
      ax = cx;
      ay = cy;
      on = !on;
      patternIndex = (patternIndex + 1) % pattern.length;
      remaining = pattern[patternIndex]!;
    }
    remaining -= segment;
    if (on) current.push([bx, by]);
  }
  if (on && current.length > 1) pieces.push(current);
  return pieces;
}
