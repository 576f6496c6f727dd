import { FONT_ASCENT, fitText, measureText, truncateText } from './font.js';
import { PANEL_SPACING, type PanelLayout } from './panel-layout.js';
import type { Raster } from './raster.js';
import type { Theme } from './theme.js';
import type { Panel } from './types.js';

/**
 * The scaffolding around the data: grid lines go under the series, spines, ticks and all text
 * over them. Lines sit on whole pixel rows and columns so that they stay one crisp pixel wide.
 */
export function drawGrid(raster: Raster, layout: PanelLayout, theme: Theme): void {
  const { plot, x, y, xTicks, yTicks } = layout;
  raster.setClip(plot);
  for (const value of xTicks.minor) raster.fillRect(column(x.toPixel(value), layout), plot.y, 1, plot.height, theme.minorGrid);
  for (const value of xTicks.values) raster.fillRect(column(x.toPixel(value), layout), plot.y, 1, plot.height, theme.grid);
  for (const value of yTicks.values) raster.fillRect(plot.x, row(y.toPixel(value), layout), plot.width, 1, theme.grid);
  raster.setClip(null);
}

export function drawAxes(raster: Raster, panel: Panel, layout: PanelLayout, theme: Theme): void {
  const { plot, cell, x, y, xTicks, yTicks } = layout;
  const { PADDING, TICK_LABEL_GAP, AXIS_LABEL_GAP } = PANEL_SPACING;
  const plotBottom = plot.y + plot.height;
  const tickStyle = { scale: theme.tickScale };
  // The spines are the plot's first column and last row: where the ends of the axes map to.
  raster.fillRect(plot.x, plot.y, 1, plot.height, theme.axis);
  raster.fillRect(plot.x, plotBottom - 1, plot.width, 1, theme.axis);

  yTicks.values.forEach((value, i) => {
    const r = row(y.toPixel(value), layout);
    raster.fillRect(plot.x - theme.tickLength, r, theme.tickLength, 1, theme.axis);
    const label = yTicks.labels[i]!;
    const width = measureText(label, tickStyle).width;
    const top = Math.round(r + 0.5 - (FONT_ASCENT * theme.tickScale) / 2);
    raster.drawText(label, plot.x - theme.tickLength - TICK_LABEL_GAP - width, top, theme.mutedText, tickStyle);
  });

  const xLabelTop = plotBottom + theme.tickLength + TICK_LABEL_GAP;
  xTicks.values.forEach((value, i) => {
    const c = column(x.toPixel(value), layout);
    raster.fillRect(c, plotBottom, 1, theme.tickLength, theme.axis);
    const label = xTicks.labels[i]!;
    const width = measureText(label, tickStyle).width;
    // Centred under the tick, but never pushed out of the panel's cell.
    const left = Math.min(Math.max(c + 0.5 - width / 2, cell.x + 2), cell.x + cell.width - 2 - width);
    raster.drawText(label, left, xLabelTop, theme.mutedText, tickStyle);
  });

  const labelStyle = { scale: theme.labelScale };
  if (panel.xLabel) {
    const text = truncateText(panel.xLabel, plot.width, labelStyle);
    const width = measureText(text, labelStyle).width;
    const top = xLabelTop + FONT_ASCENT * theme.tickScale + AXIS_LABEL_GAP;
    raster.drawText(text, plot.x + (plot.width - width) / 2, top, theme.text, labelStyle);
  }
  if (panel.yLabel) {
    const text = truncateText(panel.yLabel, plot.height, labelStyle);
    const length = measureText(text, labelStyle).width;
    raster.drawText(text, cell.x + PADDING, plot.y + (plot.height - length) / 2, theme.text, { ...labelStyle, vertical: true });
  }
  if (panel.title) {
    const { text, style: titleStyle } = fitText(panel.title, cell.width - 2 * PADDING, { scale: theme.panelTitleScale });
    const width = measureText(text, titleStyle).width;
    // Centred over the plot when it fits there, else over the whole cell.
    const centre = width <= plot.width ? plot.x + plot.width / 2 : cell.x + cell.width / 2;
    raster.drawText(text, centre - width / 2, cell.y + PADDING, theme.text, titleStyle);
  }
}

/** The pixel column holding x-coordinate `p`, kept on the plot. */
function column(p: number, { plot }: PanelLayout): number {
  return Math.min(plot.x + plot.width - 1, Math.max(plot.x, Math.floor(p)));
}

function row(p: number, { plot }: PanelLayout): number {
  return Math.min(plot.y + plot.height - 1, Math.max(plot.y, Math.floor(p)));
}
