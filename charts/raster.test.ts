import { describe, expect, it } from 'vitest';
import { parseColor, withAlpha } from './color.js';
import { Raster } from './raster.js';
import { decodePng, pixelAt } from './testing/decode-png.js';

const WHITE = parseColor('#ffffff');
const RED = parseColor('#d00000');
const BLUE = parseColor('#0000ff');

describe('Raster', () => {
  it('round-trips a filled rectangle through PNG exactly', () => {
    const raster = new Raster(20, 12, WHITE);
    raster.fillRect(3, 2, 5, 4, RED);
    const image = decodePng(raster.toPng());
    expect(image.width).toBe(20);
    expect(image.height).toBe(12);
    for (let y = 0; y < 12; y++) {
      for (let x = 0; x < 20; x++) {
        const inside = x >= 3 && x < 8 && y >= 2 && y < 6;
        expect(pixelAt(image, x, y)).toEqual(inside ? [0xd0, 0, 0, 255] : [255, 255, 255, 255]);
      }
    }
  });

  it('blends translucent colour over what is there', () => {
    const raster = new Raster(4, 4, WHITE);
    raster.fillRect(0, 0, 4, 4, withAlpha(BLUE, 0.5));
    expect(raster.getPixel(1, 1)).toEqual({ r: 127, g: 127, b: 255, a: 255 });
    const transparent = new Raster(2, 2);
    transparent.fillRect(0, 0, 2, 2, withAlpha(BLUE, 0.5));
    expect(transparent.getPixel(0, 0)).toEqual({ r: 0, g: 0, b: 255, a: 128 });
  });

  it('draws nothing outside the clip rectangle', () => {
    const raster = new Raster(30, 30, WHITE);
    raster.setClip({ x: 10, y: 10, width: 10, height: 10 });
    raster.fillRect(0, 0, 30, 30, RED);
    raster.strokeLine([0, 0], [29, 29], BLUE, { width: 3 });
    raster.setClip(null);
    expect(raster.getPixel(5, 5)).toEqual(WHITE);
    expect(raster.getPixel(25, 25)).toEqual(WHITE);
    expect(raster.getPixel(15, 15)).toEqual(BLUE);
    expect(raster.getPixel(12, 17)).toEqual(RED);
  });

  it('strokes a solid antialiased line: full colour on it, soft edges, untouched away from it', () => {
    const raster = new Raster(40, 20, WHITE);
    raster.strokeLine([5, 10], [35, 10], BLUE, { width: 2 });
    expect(raster.getPixel(20, 9)).toEqual(BLUE);
    expect(raster.getPixel(20, 10)).toEqual(BLUE);
    expect(raster.getPixel(20, 4)).toEqual(WHITE);
    const diagonal = new Raster(40, 40, WHITE);
    diagonal.strokeLine([5, 5], [35, 25], BLUE, { width: 2 });
    const partial = [];
    for (let y = 0; y < 40; y++) {
      for (let x = 0; x < 40; x++) {
        const { r } = diagonal.getPixel(x, y);
        if (r > 0 && r < 255) partial.push([x, y]);
      }
    }
    expect(partial.length).toBeGreaterThan(20);
  });

  it('leaves gaps in dashed lines', () => {
    const raster = new Raster(60, 10, WHITE);
    raster.strokeLine([0, 5], [60, 5], BLUE, { width: 2, dash: [6, 6] });
    const row = Array.from({ length: 60 }, (_, x) => raster.getPixel(x, 5).r < 255);
    expect(row.filter(Boolean).length).toBeGreaterThan(15);
    expect(row.filter((ink) => !ink).length).toBeGreaterThan(15);
    // Round caps are accounted for: 6 pixels of ink, then 6 clear, and so on.
    expect(row.slice(0, 5).every(Boolean)).toBe(true);
    expect(row.slice(5, 11).some(Boolean)).toBe(false);
    expect(row.slice(11, 17).every(Boolean)).toBe(true);
  });

  it('fills polygons with alpha, covering their area and nothing outside', () => {
    const raster = new Raster(40, 40, WHITE);
    const band = withAlpha(RED, 0.25);
    raster.fillPolygon([[10, 10], [30, 10], [30, 30], [10, 30]], band);
    expect(raster.getPixel(20, 20)).toEqual({ r: 243, g: 191, b: 191, a: 255 });
    expect(raster.getPixel(10, 10)).toEqual(raster.getPixel(20, 20));
    expect(raster.getPixel(29, 29)).toEqual(raster.getPixel(20, 20));
    expect(raster.getPixel(9, 20)).toEqual(WHITE);
    expect(raster.getPixel(30, 20)).toEqual(WHITE);

    const triangle = new Raster(40, 40, WHITE);
    triangle.fillPolygon([[0, 0], [40, 0], [0, 40]], BLUE);
    let ink = 0;
    for (let y = 0; y < 40; y++) for (let x = 0; x < 40; x++) ink += (255 - triangle.getPixel(x, y).r) / 255;
    expect(ink).toBeCloseTo(800, -1);
  });

  it('fills a self-crossing band without holes (non-zero winding)', () => {
    const raster = new Raster(40, 20, WHITE);
    // Upper and lower edges swap halfway: a bow tie.
    raster.fillPolygon([[0, 5], [40, 15], [40, 5], [0, 15]], BLUE);
    expect(raster.getPixel(5, 10)).toEqual(BLUE);
    expect(raster.getPixel(35, 10)).toEqual(BLUE);
    expect(raster.getPixel(20, 2)).toEqual(WHITE);
  });
});
