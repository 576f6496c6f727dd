import { parseColor, type Rgba } from './color.js';

/**
 * The look of every chart in one place: quiet greys for the scaffolding so that the data lines
 * carry the colour, and text sizes chosen for the built-in 5×7 font.
 */
export interface Theme {
  text: Rgba;
  mutedText: Rgba;
  axis: Rgba;
  grid: Rgba;
  minorGrid: Rgba;
  reference: Rgba;
  legendBorder: Rgba;
  /** Opacity of the legend's backdrop, which hides the data beneath it. */
  legendBackdropAlpha: number;
  /** Opacity of confidence bands. */
  bandAlpha: number;
  lineWidth: number;
  dash: readonly number[];
  chartTitleScale: number;
  panelTitleScale: number;
  labelScale: number;
  tickScale: number;
  legendScale: number;
  tickLength: number;
}

export const THEME: Theme = {
  text: parseColor('#1f2328'),
  mutedText: parseColor('#4b5563'),
  axis: parseColor('#6b7280'),
  grid: parseColor('#e5e7eb'),
  minorGrid: parseColor('#f3f4f6'),
  reference: parseColor('#6b7280'),
  legendBorder: parseColor('#d1d5db'),
  legendBackdropAlpha: 0.88,
  bandAlpha: 0.18,
  lineWidth: 2,
  dash: [7, 4],
  chartTitleScale: 3,
  panelTitleScale: 2,
  labelScale: 1,
  tickScale: 1,
  legendScale: 1,
  tickLength: 4,
};
