import { withAlpha, type Rgba } from './color.js';
import { decimateByColumn } from './decimate.js';
import type { Point } from './geometry.js';
import type { PanelLayout } from './panel-layout.js';
import type { Raster } from './raster.js';
import type { Theme } from './theme.js';
import type { Panel, Series } from './types.js';

/**
 * The data layer of a panel, clipped to the plot: bands first (so lines stay sharp on top),
 * then reference lines, then the series lines in the order given.
 */
export function drawSeries(raster: Raster, panel: Panel, layout: PanelLayout, colors: ReadonlyMap<Series, Rgba>, theme: Theme): void {
  raster.setClip(layout.plot);
  for (const series of panel.series) {
    const color = withAlpha(colors.get(series)!, theme.bandAlpha);
    for (const polygon of bandPolygons(series, layout)) raster.fillPolygon(polygon, color);
  }
  for (const line of panel.referenceLines ?? []) {
    const py = layout.y.toPixel(line.y);
    if (!Number.isFinite(py)) continue;
    raster.strokeLine([layout.plot.x, py], [layout.plot.x + layout.plot.width, py], theme.reference, { width: 1, dash: [5, 4] });
  }
  for (const series of panel.series) {
    const style = { width: theme.lineWidth, ...(series.dashed ? { dash: theme.dash } : {}) };
    for (const run of seriesRuns(series, layout)) raster.strokePolyline(run, colors.get(series)!, style);
  }
  raster.setClip(null);
}

/** The series' finite points in pixels, split where values are missing. */
export function seriesRuns(series: Series, layout: PanelLayout): Point[][] {
  const runs: Point[][] = [];
  let current: Point[] = [];
  for (const [x, y] of series.points) {
    const px = layout.x.toPixel(x);
    const py = layout.y.toPixel(y);
    if (Number.isFinite(px) && Number.isFinite(py)) {
      current.push([px, py]);
      continue;
    }
    if (current.length > 0) runs.push(current);
    current = [];
  }
  if (current.length > 0) runs.push(current);
  return runs.map(decimateByColumn);
}

/** One polygon per unbroken stretch of the band: along the upper edge, back along the lower. */
export function bandPolygons(series: Series, layout: PanelLayout): Point[][] {
  const polygons: Point[][] = [];
  let upper: Point[] = [];
  let lower: Point[] = [];
  const flush = (): void => {
    if (upper.length > 1) polygons.push([...decimateByColumn(upper), ...decimateByColumn(lower).reverse()]);
    upper = [];
    lower = [];
  };
  for (const [x, low, high] of series.band ?? []) {
    const px = layout.x.toPixel(x);
    const pLow = layout.y.toPixel(low);
    const pHigh = layout.y.toPixel(high);
    if (Number.isFinite(px) && Number.isFinite(pLow) && Number.isFinite(pHigh)) {
      upper.push([px, pHigh]);
      lower.push([px, pLow]);
    } else {
      flush();
    }
  }
  flush();
  return polygons;
}
