import { containsPoint, intersectRects, type Point, type Rect } from './geometry.js';
import type { PanelLayout } from './panel-layout.js';
import { bandPolygons, seriesRuns } from './series-draw.js';
import type { Panel } from './types.js';

/**
 * Where a panel's data ink lies, as weighted sample points, so that the legend and the labels
 * of reference lines can be put where they hide the least of it.
 */
export type WeightedPoint = readonly [number, number, number];

/** Points every two pixels along each line and, weighing less, along band edges. */
export function dataSamples(panel: Panel, layout: PanelLayout): WeightedPoint[] {
  const samples: WeightedPoint[] = [];
  const along = (polyline: readonly Point[], weight: number, closed: boolean): void => {
    const count = closed ? polyline.length : polyline.length - 1;
    for (let i = 0; i < count; i++) {
      const [ax, ay] = polyline[i]!;
      const [bx, by] = polyline[(i + 1) % polyline.length]!;
      const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / 2));
      for (let s = 0; s < steps; s++) samples.push([ax + ((bx - ax) * s) / steps, ay + ((by - ay) * s) / steps, weight]);
    }
    if (polyline.length === 1) samples.push([polyline[0]![0], polyline[0]![1], weight]);
  };
  for (const series of panel.series) {
    for (const run of seriesRuns(series, layout)) along(run, 1, false);
    for (const polygon of bandPolygons(series, layout)) along(polygon, 0.3, true);
  }
  return samples;
}

/** How much a box placed at `box` would hide: data samples near it plus area shared with `avoid`. */
export function overlapScore(box: Rect, samples: readonly WeightedPoint[], avoid: readonly Rect[]): number {
  const grown = { x: box.x - 3, y: box.y - 3, width: box.width + 6, height: box.height + 6 };
  let score = 0;
  for (const [px, py, weight] of samples) if (containsPoint(grown, px, py)) score += weight;
  for (const other of avoid) {
    const overlap = intersectRects(grown, other);
    score += overlap.width * overlap.height;
  }
  return score;
}
