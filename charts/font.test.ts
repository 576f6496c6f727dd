import { describe, expect, it } from 'vitest';
import { parseColor } from './color.js';
import { FONT_HEIGHT, fitText, forEachInkPixel, hasGlyph, measureText, truncateText } from './font.js';
import { Raster } from './raster.js';

const WHITE = parseColor('#ffffff');
const INK = parseColor('#102030');
const SAMPLES = ['Mean reward', '0.0025', 'epsilon-greedy (p<0.05)', "A/B: 95% CI [lo, hi] _=?!'\"#&*+;", 'gjpqy', 'Il1|'];

/** Bounding box of every non-background pixel, or null when nothing was drawn. */
function inkBounds(raster: Raster): { left: number; top: number; right: number; bottom: number } | null {
  let box: { left: number; top: number; right: number; bottom: number } | null = null;
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) {
      if (raster.getPixel(x, y).r === 255) continue;
      box = box
        ? { left: Math.min(box.left, x), top: Math.min(box.top, y), right: Math.max(box.right, x + 1), bottom: Math.max(box.bottom, y + 1) }
        : { left: x, top: y, right: x + 1, bottom: y + 1 };
    }
  }
  return box;
}

describe('bitmap font', () => {
  it('has a glyph for every printable ASCII character', () => {
    const missing = [];
    for (let code = 32; code < 127; code++) if (!hasGlyph(String.fromCharCode(code))) missing.push(String.fromCharCode(code));
    expect(missing).toEqual([]);
    expect(hasGlyph('é')).toBe(false);
  });

  it('inks only inside the measured box, and spans its full width', () => {
    for (const text of SAMPLES) {
      for (const style of [{ scale: 1 }, { scale: 2 }, { scale: 3 }, { scale: 2, bold: true }]) {
        const size = measureText(text, style);
        const raster = new Raster(size.width + 20, size.height + 20, WHITE);
        const drawn = raster.drawText(text, 10, 10, INK, style);
        expect(drawn).toEqual(size);
        const ink = inkBounds(raster)!;
        expect(ink.left).toBe(10);
        expect(ink.right).toBe(10 + size.width);
        expect(ink.top).toBeGreaterThanOrEqual(10);
        expect(ink.bottom).toBeLessThanOrEqual(10 + size.height);
      }
    }
  });

  it('uses the descender rows only for letters that descend', () => {
    expect(measureText('Ag', { scale: 2 }).height).toBe(FONT_HEIGHT * 2);
    const rows = (text: string): number => {
      let lowest = 0;
      forEachInkPixel(text, {}, (_x, y, size) => { lowest = Math.max(lowest, y + size); });
      return lowest;
    };
    expect(rows('ABC 123')).toBe(7);
    expect(rows('gjpqy')).toBe(9);
  });

  it('draws vertical text inside its rotated box', () => {
    const style = { scale: 2, vertical: true };
    const size = measureText('Mean reward', style);
    const raster = new Raster(size.height + 20, size.width + 20, WHITE);
    const drawn = raster.drawText('Mean reward', 10, 10, INK, style);
    expect(drawn).toEqual({ width: size.height, height: size.width });
    const ink = inkBounds(raster)!;
    expect(ink.left).toBeGreaterThanOrEqual(10);
    expect(ink.right).toBeLessThanOrEqual(10 + size.height);
    expect(ink.top).toBe(10);
    expect(ink.bottom).toBe(10 + size.width);
    // It reads bottom to top: in "L." the L's stem is at the bottom, the small dot at the top.
    const probe = new Raster(30, 30, WHITE);
    const probeSize = probe.drawText('L.', 0, 0, INK, style);
    const top = inkBounds(sliceRows(probe, 0, 4))!;
    const bottom = inkBounds(sliceRows(probe, probeSize.height - 4, probeSize.height))!;
    expect(bottom.right - bottom.left).toBeGreaterThan(top.right - top.left);
  });

  it('measures nothing for empty text and truncates to a width with an ellipsis', () => {
    expect(measureText('').width).toBe(0);
    const long = 'Thompson sampling with a very long name';
    const cut = truncateText(long, 80);
    expect(cut.endsWith('...')).toBe(true);
    expect(measureText(cut).width).toBeLessThanOrEqual(80);
    expect(truncateText('short', 80)).toBe('short');
    expect(fitText('Dataset A', 200, { scale: 3 }).style.scale).toBe(3);
    expect(fitText('Dataset A: support tickets', 200, { scale: 3 }).style.scale).toBe(1);
    expect(fitText(long, 60, { scale: 2 }).text.endsWith('...')).toBe(true);
  });
});

function sliceRows(raster: Raster, from: number, to: number): Raster {
  const out = new Raster(raster.width, to - from, WHITE);
  for (let y = from; y < to; y++) {
    for (let x = 0; x < raster.width; x++) out.fillRect(x, y - from, 1, 1, raster.getPixel(x, y));
  }
  return out;
}
