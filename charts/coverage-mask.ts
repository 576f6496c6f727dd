import type { Rect } from './geometry.js';

/**
 * Per-pixel coverage (0…1) over a rectangle of the raster. Shapes are first rasterised into a
 * mask and composited once, so that where a polyline's segments overlap at a joint the colour
 * is not blended twice (which would show as dark knots on translucent lines).
 */
export class CoverageMask {
  readonly data: Float32Array;

  /** `area` must have integer bounds. */
  constructor(readonly area: Rect) {
    this.data = new Float32Array(Math.max(0, area.width * area.height));
  }

  /** Keeps the larger coverage: right for strokes, whose pieces overlap. */
  max(x: number, y: number, coverage: number): void {
    const i = this.index(x, y);
    if (i >= 0 && coverage > this.data[i]!) this.data[i] = coverage;
  }

  /** Adds coverage, capped at 1: right for fills built from disjoint spans. */
  add(x: number, y: number, coverage: number): void {
    const i = this.index(x, y);
    if (i >= 0) this.data[i] = Math.min(1, this.data[i]! + coverage);
  }

  get(x: number, y: number): number {
    const i = this.index(x, y);
    return i >= 0 ? this.data[i]! : 0;
  }

  private index(x: number, y: number): number {
    const col = x - this.area.x;
    const row = y - this.area.y;
    if (col < 0 || row < 0 || col >= this.area.width || row >= this.area.height) return -1;
    return row * this.area.width + col;
  }
}
