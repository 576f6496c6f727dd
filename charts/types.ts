/** The JSON-friendly description of a line chart: what benchmarks and commands hand over. */
export interface Series {
  name: string;
  /** [x, y] pairs; non-finite values break the line into separate runs. */
  points: Array<[number, number]>;
  /** '#rrggbb'; by default the palette colour for this name, the same in every panel. */
  color?: string;
  dashed?: boolean;
  /** [x, lower, upper]: drawn as a translucent area of the series colour, under the lines. */
  band?: Array<[number, number, number]>;
}

export interface ReferenceLine {
  y: number;
  label: string;
}

export interface Panel {
  title: string;
  xLabel?: string;
  yLabel?: string;
  series: Series[];
  /** Fixed y range; each end is taken from the data (with a little padding) when left out. */
  yMin?: number;
  yMax?: number;
  /** Logarithmic x axis; points with x ≤ 0 are then left out. */
  xLog?: boolean;
  referenceLines?: ReferenceLine[];
}

export interface LineChartSpec {
  /** Heading above the whole grid of panels. */
  title?: string;
  panels: Panel[];
  /** Panels per row; defaults to min(panels, 3). */
  columns?: number;
  /** Pixels per panel; defaults 480 × 320. */
  panelWidth?: number;
  panelHeight?: number;
  /** '#rrggbb'; defaults to white. */
  background?: string;
}
