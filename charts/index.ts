/** Offline PNG line charts: benchmark reward curves, A/B-test metrics with confidence bands. */
export { renderLineChart, drawLineChart } from './line-chart.js';
export type { LineChartSpec, Panel, Series, ReferenceLine } from './types.js';
export { encodePng } from './png.js';
export { Raster, type StrokeStyle, type DrawTextStyle } from './raster.js';
export { measureText, truncateText, fitText, type TextStyle, type TextSize } from './font.js';
export { parseColor, type Rgba } from './color.js';
export { DEFAULT_PALETTE } from './palette.js';
export { niceTicks, logTicks } from './ticks.js';
