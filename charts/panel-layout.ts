import { xDomain, yDomain } from './data-range.js';
import { FONT_ASCENT, fitText, measureText } from './font.js';
import type { Rect } from './geometry.js';
import { createScale, type Scale } from './scale.js';
import type { Theme } from './theme.js';
import { formatCompact, formatLinearTicks } from './tick-format.js';
import { logTicks, niceTicks } from './ticks.js';
import type { Panel } from './types.js';

/**
 * Where everything in one panel goes. The plot area is what is left of the panel's cell after
 * the title, the axis labels and the tick labels have taken the room their text measures, so
 * long tick labels shrink the plot instead of running into the frame.
 */
export interface AxisTicks {
  values: number[];
  labels: string[];
  /** Unlabelled ticks (log axes) drawn as fainter grid lines. */
  minor: number[];
}

export interface PanelLayout {
  cell: Rect;
  plot: Rect;
  x: Scale;
  y: Scale;
  xTicks: AxisTicks;
  yTicks: AxisTicks;
}

const PADDING = 12;
/** Room to the right of the plot for half of the last x tick label. */
const RIGHT_PADDING = 22;
const TITLE_GAP = 10;
const TICK_LABEL_GAP = 4;
const AXIS_LABEL_GAP = 7;
/** Least clear space between two neighbouring x tick labels. */
const X_LABEL_SEPARATION = 14;

export function layoutPanel(panel: Panel, cell: Rect, theme: Theme): PanelLayout {
  const titleStyle = panel.title ? fitText(panel.title, cell.width - 2 * PADDING, { scale: theme.panelTitleScale }).style : null;
  const titleHeight = titleStyle ? measureText(panel.title, titleStyle).height + TITLE_GAP : 0;
  const labelHeight = measureText('Ag', { scale: theme.labelScale }).height;
  const tickLabelHeight = FONT_ASCENT * theme.tickScale;

  const top = cell.y + PADDING + titleHeight;
  const bottom = cell.y + cell.height - PADDING
    - (panel.xLabel ? labelHeight + AXIS_LABEL_GAP : 0)
    - tickLabelHeight - TICK_LABEL_GAP - theme.tickLength;
  const plotHeight = Math.max(10, Math.floor(bottom - top));

  const [y0, y1] = yDomain(panel);
  const yValues = niceTicks(y0, y1, Math.max(2, Math.round(plotHeight / 40)));
  const yTicks: AxisTicks = { values: yValues, labels: formatLinearTicks(yValues), minor: [] };
  const widestYLabel = Math.max(0, ...yTicks.labels.map((label) => measureText(label, { scale: theme.tickScale }).width));

  const left = cell.x + PADDING
    + (panel.yLabel ? labelHeight + AXIS_LABEL_GAP : 0)
    + widestYLabel + TICK_LABEL_GAP + theme.tickLength;
  const plotWidth = Math.max(10, Math.floor(cell.x + cell.width - RIGHT_PADDING - left));
  const plot: Rect = { x: Math.round(left), y: Math.round(top), width: plotWidth, height: plotHeight };

  const xRange = xDomain(panel);
  const x = createScale(xRange, [plot.x, plot.x + plot.width], panel.xLog === true);
  const y = createScale([y0, y1], [plot.y + plot.height, plot.y], false);
  const xTicks = panel.xLog === true ? logXTicks(xRange, x, theme) : linearXTicks(xRange, x, theme);
  return { cell, plot, x, y, xTicks, yTicks };
}

/** Fewer ticks until the labels stop touching each other. */
function linearXTicks([min, max]: readonly [number, number], scale: Scale, theme: Theme): AxisTicks {
  const width = Math.abs(scale.toPixel(max) - scale.toPixel(min));
  for (let target = Math.max(2, Math.round(width / 85)); ; target--) {
    const values = niceTicks(min, max, target);
    const labels = formatLinearTicks(values);
    if (target <= 2 || labelsFit(values, labels, scale, theme)) return { values, labels, minor: [] };
  }
}

/** Every other labelled decade is dropped (and kept as a minor line) until the labels fit. */
function logXTicks([min, max]: readonly [number, number], scale: Scale, theme: Theme): AxisTicks {
  const ticks = logTicks(min, max);
  let values = ticks.major;
  const minor = [...ticks.minor];
  while (values.length > 2 && !labelsFit(values, values.map(formatCompact), scale, theme)) {
    minor.push(...values.filter((_, i) => i % 2 === 1));
    values = values.filter((_, i) => i % 2 === 0);
  }
  return { values, labels: values.map(formatCompact), minor: minor.sort((a, b) => a - b) };
}

function labelsFit(values: readonly number[], labels: readonly string[], scale: Scale, theme: Theme): boolean {
  for (let i = 1; i < values.length; i++) {
    const gap = Math.abs(scale.toPixel(values[i]!) - scale.toPixel(values[i - 1]!));
    const halfWidths = (measureText(labels[i]!, { scale: theme.tickScale }).width
      + measureText(labels[i - 1]!, { scale: theme.tickScale }).width) / 2;
    if (gap < halfWidths + X_LABEL_SEPARATION) return false;
  }
  return true;
}

export const PANEL_SPACING = { PADDING, TITLE_GAP, TICK_LABEL_GAP, AXIS_LABEL_GAP } as const;
