import type { Rgba } from './color.js';
import { CoverageMask } from './coverage-mask.js';
import { dashPolyline } from './dash.js';
import { forEachInkPixel, measureText, type TextSize, type TextStyle } from './font.js';
import { intersectRects, type Point, type Rect } from './geometry.js';
import { encodePng } from './png.js';
import { fillPolygonCoverage } from './polygon-fill.js';
import { strokeCoverage } from './stroke.js';

export interface StrokeStyle {
  /** Line width in pixels; fractional widths are fine. */
  width?: number;
  /** Alternating on/off lengths in pixels, e.g. [6, 4]. */
  dash?: readonly number[];
}

export interface DrawTextStyle extends TextStyle {
  /** Rotated a quarter turn counter-clockwise, reading bottom to top (y-axis labels). */
  vertical?: boolean;
}

/**
 * An RGBA canvas with source-over alpha blending and an optional clip rectangle. All drawing is
 * plain arithmetic in a fixed order, so the same calls always give the same bytes.
 */
export class Raster {
  readonly pixels: Uint8Array;
  private clip: Rect;

  constructor(readonly width: number, readonly height: number, background?: Rgba) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new RangeError(`raster size must be positive integers, got ${width}×${height}`);
    }
    this.pixels = new Uint8Array(width * height * 4);
    this.clip = this.bounds();
    if (background) {
      for (let i = 0; i < this.pixels.length; i += 4) {
        this.pixels[i] = background.r;
        this.pixels[i + 1] = background.g;
        this.pixels[i + 2] = background.b;
        this.pixels[i + 3] = background.a;
      }
    }
  }

  bounds(): Rect {
    return { x: 0, y: 0, width: this.width, height: this.height };
  }

  /** Restricts drawing to `rect` (rounded outwards to whole pixels); `null` lifts the clip. */
  setClip(rect: Rect | null): void {
    if (!rect) {
      this.clip = this.bounds();
      return;
    }
    const x = Math.floor(rect.x);
    const y = Math.floor(rect.y);
    const snapped = { x, y, width: Math.ceil(rect.x + rect.width) - x, height: Math.ceil(rect.y + rect.height) - y };
    this.clip = intersectRects(snapped, this.bounds());
  }

  getPixel(x: number, y: number): Rgba {
    const i = (y * this.width + x) * 4;
    return { r: this.pixels[i]!, g: this.pixels[i + 1]!, b: this.pixels[i + 2]!, a: this.pixels[i + 3]! };
  }

  /** Blends `color` over the pixel with extra opacity `coverage` (0…1), honouring the clip. */
  blendPixel(x: number, y: number, color: Rgba, coverage = 1): void {
    const c = this.clip;
    if (x < c.x || y < c.y || x >= c.x + c.width || y >= c.y + c.height) return;
    const sa = (color.a / 255) * (coverage > 0.999 ? 1 : coverage);
    if (sa <= 0) return;
    const i = (y * this.width + x) * 4;
    const p = this.pixels;
    if (sa >= 1) {
      p[i] = color.r;
      p[i + 1] = color.g;
      p[i + 2] = color.b;
      p[i + 3] = 255;
      return;
    }
    const da = p[i + 3]! / 255;
    const outA = sa + da * (1 - sa);
    const channel = (src: number, dst: number): number => Math.round((src * sa + dst * da * (1 - sa)) / outA);
    p[i] = channel(color.r, p[i]!);
    p[i + 1] = channel(color.g, p[i + 1]!);
    p[i + 2] = channel(color.b, p[i + 2]!);
    p[i + 3] = Math.round(outA * 255);
  }

  /** Fills whole pixels; fractional bounds are rounded so that rectangles stay crisp. */
  fillRect(x: number, y: number, width: number, height: number, color: Rgba): void {
    const x0 = Math.round(x);
    const y0 = Math.round(y);
    const x1 = Math.round(x + width);
    const y1 = Math.round(y + height);
    for (let row = y0; row < y1; row++) {
      for (let col = x0; col < x1; col++) this.blendPixel(col, row, color);
    }
  }

  strokeLine(from: Point, to: Point, color: Rgba, style: StrokeStyle = {}): void {
    this.strokePolyline([from, to], color, style);
  }

  strokePolyline(points: readonly Point[], color: Rgba, style: StrokeStyle = {}): void {
    if (points.length === 0) return;
    const width = style.width ?? 1;
    const pieces = style.dash ? dashPolyline(points, capCompensated(style.dash, width)) : [points];
    const mask = this.maskFor(points, width / 2 + 1);
    if (!mask) return;
    for (const piece of pieces) strokeCoverage(mask, piece, width);
    this.composite(mask, color);
  }

  fillPolygon(points: readonly Point[], color: Rgba): void {
    const mask = this.maskFor(points, 1);
    if (!mask) return;
    fillPolygonCoverage(mask, points);
    this.composite(mask, color);
  }

  /** Draws `text` with its box's top-left corner at (x, y) and returns the box size. */
  drawText(text: string, x: number, y: number, color: Rgba, style: DrawTextStyle = {}): TextSize {
    const size = measureText(text, style);
    const left = Math.round(x);
    const top = Math.round(y);
    forEachInkPixel(text, style, (gx, gy, square) => {
      if (style.vertical) this.fillRect(left + gy, top + size.width - gx - square, square, square, color);
      else this.fillRect(left + gx, top + gy, square, square, color);
    });
    return style.vertical ? { width: size.height, height: size.width } : size;
  }

  toPng(): Buffer {
    return encodePng(this.width, this.height, this.pixels);
  }

  /** A mask over the points' bounding box grown by `margin`, cut to the clip; null if empty. */
  private maskFor(points: readonly Point[], margin: number): CoverageMask | null {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const [px, py] of points) {
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      minX = Math.min(minX, px);
      minY = Math.min(minY, py);
      maxX = Math.max(maxX, px);
      maxY = Math.max(maxY, py);
    }
    if (minX > maxX) return null;
    const x = Math.floor(minX - margin);
    const y = Math.floor(minY - margin);
    const area = intersectRects(
      { x, y, width: Math.ceil(maxX + margin) - x + 1, height: Math.ceil(maxY + margin) - y + 1 },
      this.clip,
    );
    return area.width > 0 && area.height > 0 ? new CoverageMask(area) : null;
  }

  private composite(mask: CoverageMask, color: Rgba): void {
    const { x, y, width, height } = mask.area;
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        const coverage = mask.data[row * width + col]!;
        if (coverage > 0) this.blendPixel(x + col, y + row, color, coverage);
      }
    }
  }
}

/**
 * Strokes have round caps reaching half the width past each end, so the "on" lengths are
 * shortened and the gaps lengthened by one width to make the dashes look as long as asked.
 */
function capCompensated(pattern: readonly number[], width: number): number[] {
  return pattern.map((length, i) => (i % 2 === 0 ? Math.max(0.01, length - width) : length + width));
}
