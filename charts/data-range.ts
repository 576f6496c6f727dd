import type { Panel } from './types.js';

/**
 * The data extent a panel's axes must show. x spans the data exactly (curves start and end at
 * the frame); y is padded a little so that lines do not run along the frame, and includes bands
 * and reference lines so that everything drawn is visible.
 */
const Y_PADDING = 0.06;

export function xDomain(panel: Panel): [number, number] {
  const log = panel.xLog === true;
  let min = Infinity;
  let max = -Infinity;
  const visit = (x: number): void => {
    if (!Number.isFinite(x) || (log && x <= 0)) return;
    min = Math.min(min, x);
    max = Math.max(max, x);
  };
  for (const series of panel.series) {
    for (const [x, y] of series.points) if (Number.isFinite(y)) visit(x);
    for (const [x] of series.band ?? []) visit(x);
  }
  if (min > max) return log ? [1, 10] : [0, 1];
  if (min === max) return log ? [min / 2, min * 2] : [min - 0.5, max + 0.5];
  return [min, max];
}

export function yDomain(panel: Panel): [number, number] {
  const log = panel.xLog === true;
  let min = Infinity;
  let max = -Infinity;
  const visit = (y: number): void => {
    if (!Number.isFinite(y)) return;
    min = Math.min(min, y);
    max = Math.max(max, y);
  };
  for (const series of panel.series) {
    for (const [x, y] of series.points) if (Number.isFinite(x) && !(log && x <= 0)) visit(y);
    for (const [x, lower, upper] of series.band ?? []) {
      if (!Number.isFinite(x) || (log && x <= 0)) continue;
      visit(lower);
      visit(upper);
    }
  }
  for (const line of panel.referenceLines ?? []) visit(line.y);
  const fixedMin = panel.yMin !== undefined && Number.isFinite(panel.yMin);
  const fixedMax = panel.yMax !== undefined && Number.isFinite(panel.yMax);
  if (fixedMin) min = panel.yMin!;
  if (fixedMax) max = panel.yMax!;
  if (!Number.isFinite(min) && !Number.isFinite(max)) return [0, 1];
  if (!Number.isFinite(min)) min = max - 1;
  if (!Number.isFinite(max)) max = min + 1;
  if (min === max) {
    const half = Math.abs(min) * 0.1 || 0.5;
    return [fixedMin ? min : min - half, fixedMax ? max : max + half];
  }
  if (max < min) return [max, min];
  const pad = (max - min) * Y_PADDING;
  return [fixedMin ? min : min - pad, fixedMax ? max : max + pad];
}
