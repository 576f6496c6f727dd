import { withAlpha, type Rgba } from './color.js';
import { dataSamples, overlapScore } from './data-samples.js';
import { FONT_ASCENT, measureText } from './font.js';
import type { Rect } from './geometry.js';
import type { PanelLayout } from './panel-layout.js';
import type { Raster } from './raster.js';
import type { Theme } from './theme.js';
import type { Panel } from './types.js';

/**
 * Labels of reference lines sit just above or below their line, at its right or left end,
 * whichever hides the least data, on a backdrop so that a series crossing there does not
 * garble them. Returns the label boxes so that the legend can keep clear of them.
 */
const END_INSET = 6;
const LINE_GAP = 4;

export function drawReferenceLabels(raster: Raster, panel: Panel, layout: PanelLayout, background: Rgba, theme: Theme): Rect[] {
  const lines = (panel.referenceLines ?? []).filter((line) => line.label.length > 0);
  if (lines.length === 0) return [];
  const style = { scale: theme.tickScale };
  const { plot } = layout;
  const samples = dataSamples(panel, layout);
  const boxes: Rect[] = [];
  for (const line of lines) {
    const py = layout.y.toPixel(line.y);
    if (!Number.isFinite(py) || py < plot.y || py > plot.y + plot.height) continue;
    const width = measureText(line.label, style).width;
    const height = FONT_ASCENT * theme.tickScale;
    const right = Math.round(plot.x + plot.width - END_INSET - width);
    const left = plot.x + END_INSET + 2;
    const above = Math.round(py - LINE_GAP - height);
    const below = Math.round(py + LINE_GAP + 1);
    const tops = [above, below].filter((top) => top >= plot.y + 2 && top + height <= plot.y + plot.height - 3);
    if (tops.length === 0) tops.push(above);
    let best: Rect | null = null;
    let bestScore = Infinity;
    for (const x of [right, left]) {
      for (const top of tops) {
        const text = { x, y: top, width, height };
        const score = overlapScore(text, samples, boxes);
        // The right end, just above the line, is where readers look: leave it only for a spot
        // that hides clearly less.
        if (best === null || score < bestScore * 0.5 - 1) {
          bestScore = score;
          best = text;
        }
      }
    }
    const text = best!;
    const box = { x: text.x - 2, y: text.y - 2, width: text.width + 4, height: text.height + 4 };
    raster.fillRect(box.x, box.y, box.width, box.height, withAlpha(background, 0.8));
    raster.drawText(line.label, text.x, text.y, theme.mutedText, style);
    boxes.push(box);
  }
  return boxes;
}
