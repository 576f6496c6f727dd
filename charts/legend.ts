import { withAlpha, type Rgba } from './color.js';
import { FONT_ASCENT, FONT_HEIGHT, measureText, truncateText } from './font.js';
import { dataSamples, overlapScore, type WeightedPoint } from './data-samples.js';
import type { Rect } from './geometry.js';
import type { PanelLayout } from './panel-layout.js';
import type { Raster } from './raster.js';
import type { Theme } from './theme.js';
import type { Panel, Series } from './types.js';

/**
 * The legend goes inside the plot, in whichever candidate spot hides the least data (the idea
 * of matplotlib's loc="best"), on a backdrop that mutes whatever it still covers.
 */
const PADDING = 6;
const INSET = 8;
const SWATCH = 22;
const SWATCH_GAP = 6;
const ROW_GAP = 3;
const COLUMN_GAP = 14;

interface Entry {
  series: Series;
  label: string;
}

export function drawLegend(
  raster: Raster, panel: Panel, layout: PanelLayout, colors: ReadonlyMap<Series, Rgba>,
  background: Rgba, theme: Theme, avoid: readonly Rect[],
): void {
  const style = { scale: theme.legendScale };
  const { plot } = layout;
  const maxLabelWidth = Math.max(20, plot.width - 2 * INSET - 2 * PADDING - SWATCH - SWATCH_GAP);
  const entries: Entry[] = panel.series
    .filter((series) => series.name.length > 0)
    .map((series) => ({ series, label: truncateText(series.name, maxLabelWidth, style) }));
  if (entries.length === 0) return;

  const rowHeight = FONT_HEIGHT * theme.legendScale;
  const entryWidth = SWATCH + SWATCH_GAP + Math.max(...entries.map((e) => measureText(e.label, style).width));
  // More columns only when one column would not fit the plot's height.
  let columns = 1;
  const rowsFor = (cols: number): number => Math.ceil(entries.length / cols);
  const heightFor = (cols: number): number => 2 * PADDING + rowsFor(cols) * rowHeight + (rowsFor(cols) - 1) * ROW_GAP;
  while (columns < entries.length && heightFor(columns) > plot.height - 2 * INSET) columns++;
  const rows = rowsFor(columns);
  const size = { width: 2 * PADDING + columns * entryWidth + (columns - 1) * COLUMN_GAP, height: heightFor(columns) };

  const box = bestPlacement(size, layout, dataSamples(panel, layout), avoid);
  raster.fillRect(box.x, box.y, box.width, box.height, withAlpha(background, theme.legendBackdropAlpha));
  strokeRect(raster, box, theme.legendBorder);

  entries.forEach((entry, i) => {
    const left = box.x + PADDING + Math.floor(i / rows) * (entryWidth + COLUMN_GAP);
    const top = box.y + PADDING + (i % rows) * (rowHeight + ROW_GAP);
    const middle = top + (FONT_ASCENT * theme.legendScale) / 2;
    const color = colors.get(entry.series)!;
    if (entry.series.band && entry.series.band.length > 0) {
      raster.fillRect(left, Math.round(middle - 4), SWATCH, 8, withAlpha(color, theme.bandAlpha * 1.5));
    }
    const dash = entry.series.dashed ? { dash: [6, 3] } : {};
    raster.strokeLine([left + 1, middle], [left + SWATCH - 1, middle], color, { width: theme.lineWidth, ...dash });
    raster.drawText(entry.label, left + SWATCH + SWATCH_GAP, top, theme.text, style);
  });
}

function bestPlacement(size: { width: number; height: number }, layout: PanelLayout, samples: readonly WeightedPoint[], avoid: readonly Rect[]): Rect {
  const { plot } = layout;
  const left = plot.x + INSET + 1;
  const right = plot.x + plot.width - INSET - size.width;
  const centreX = Math.round(plot.x + (plot.width - size.width) / 2);
  const top = plot.y + INSET;
  const bottom = plot.y + plot.height - INSET - 1 - size.height;
  const middle = Math.round(plot.y + (plot.height - size.height) / 2);
  // In order of preference: ties go to the earlier spot.
  const spots: Array<[number, number]> = [
    [right, top], [left, top], [right, bottom], [left, bottom],
    [centreX, top], [centreX, bottom], [right, middle], [left, middle],
  ];
  let best: Rect | null = null;
  let bestScore = Infinity;
  for (const [x, y] of spots) {
    const box = { x, y, ...size };
    const score = overlapScore(box, samples, avoid);
    if (score < bestScore) {
      bestScore = score;
      best = box;
    }
  }
  return best!;
}

function strokeRect(raster: Raster, box: Rect, color: Rgba): void {
  raster.fillRect(box.x, box.y, box.width, 1, color);
  raster.fillRect(box.x, box.y + box.height - 1, box.width, 1, color);
  raster.fillRect(box.x, box.y + 1, 1, box.height - 2, color);
  raster.fillRect(box.x + box.width - 1, box.y + 1, 1, box.height - 2, color);
}
