import { drawAxes, drawGrid } from './axes.js';
import { parseColor, type Rgba } from './color.js';
import { fitText, measureText } from './font.js';
import { drawLegend } from './legend.js';
import { paletteColor } from './palette.js';
import { layoutPanel, PANEL_SPACING } from './panel-layout.js';
import { Raster } from './raster.js';
import { drawReferenceLabels } from './reference-labels.js';
import { drawSeries } from './series-draw.js';
import { THEME, type Theme } from './theme.js';
import type { LineChartSpec, Panel, Series } from './types.js';

/**
 * Renders a grid of line-chart panels to PNG bytes. Pure and deterministic: the same spec always
 * gives the same bytes, with no fonts, clocks or randomness involved.
 */
const DEFAULT_PANEL_WIDTH = 480;
const DEFAULT_PANEL_HEIGHT = 320;
const MIN_PANEL_WIDTH = 160;
const MIN_PANEL_HEIGHT = 120;
const TITLE_PADDING = 12;

export function renderLineChart(spec: LineChartSpec): Buffer {
  return drawLineChart(spec).toPng();
}

/** The chart as a raster, for callers (and tests) that want the pixels rather than a PNG. */
export function drawLineChart(spec: LineChartSpec, baseTheme: Theme = THEME): Raster {
  if (spec.panels.length === 0) throw new Error('a line chart needs at least one panel');
  const panelWidth = dimension('panelWidth', spec.panelWidth ?? DEFAULT_PANEL_WIDTH, MIN_PANEL_WIDTH);
  const panelHeight = dimension('panelHeight', spec.panelHeight ?? DEFAULT_PANEL_HEIGHT, MIN_PANEL_HEIGHT);
  const columns = Math.min(spec.panels.length, dimension('columns', spec.columns ?? Math.min(spec.panels.length, 3), 1));
  const rows = Math.ceil(spec.panels.length / columns);
  // One title size for every panel, so that a single long title does not stand out as small.
  const panelTitleScale = Math.min(...spec.panels.map((panel) =>
    fitText(panel.title, panelWidth - 2 * PANEL_SPACING.PADDING, { scale: baseTheme.panelTitleScale }).style.scale ?? 1));
  const theme = { ...baseTheme, panelTitleScale };
  const width = columns * panelWidth;
  const title = spec.title ? fitText(spec.title, width - 2 * TITLE_PADDING, { scale: theme.chartTitleScale }) : null;
  const titleBand = title ? TITLE_PADDING + measureText(title.text, title.style).height + 4 : 0;

  const background = parseColor(spec.background ?? '#ffffff');
  const raster = new Raster(width, titleBand + rows * panelHeight, background);
  if (title) {
    const left = (raster.width - measureText(title.text, title.style).width) / 2;
    raster.drawText(title.text, left, TITLE_PADDING, theme.text, title.style);
  }

  const colors = seriesColors(spec.panels);
  spec.panels.forEach((panel, i) => {
    const cell = {
      x: (i % columns) * panelWidth,
      y: titleBand + Math.floor(i / columns) * panelHeight,
      width: panelWidth,
      height: panelHeight,
    };
    const layout = layoutPanel(panel, cell, theme);
    drawGrid(raster, layout, theme);
    drawSeries(raster, panel, layout, colors, theme);
    drawAxes(raster, panel, layout, theme);
    if (!panel.series.some((series) => series.points.length > 0)) {
      const message = 'no data';
      const size = measureText(message, { scale: theme.labelScale });
      const { plot } = layout;
      raster.drawText(message, plot.x + (plot.width - size.width) / 2, plot.y + (plot.height - size.height) / 2, theme.mutedText);
    }
    const labelBoxes = drawReferenceLabels(raster, panel, layout, background, theme);
    drawLegend(raster, panel, layout, colors, background, theme, labelBoxes);
  });
  return raster;
}

/**
 * Explicit colours win; otherwise each distinct series name gets the next palette colour, shared
 * by every panel, so that one policy or variant keeps its colour across datasets.
 */
function seriesColors(panels: readonly Panel[]): Map<Series, Rgba> {
  const byName = new Map<string, Rgba>();
  const colors = new Map<Series, Rgba>();
  for (const panel of panels) {
    for (const series of panel.series) {
      if (series.color !== undefined) {
        colors.set(series, parseColor(series.color));
        continue;
      }
      let color = byName.get(series.name);
      if (!color) {
        color = parseColor(paletteColor(byName.size));
        byName.set(series.name, color);
      }
      colors.set(series, color);
    }
  }
  return colors;
}

function dimension(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer of at least ${min}, got ${value}`);
  return value;
}
