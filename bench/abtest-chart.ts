import { renderLineChart } from '../charts/index.js';

/**
 * The A/A picture: the share of experiments that have (wrongly) declared a difference by each
 * look, for the always-valid test and for a naive test peeked the same way, against α.
 */
export function aaChart(alwaysValidAt: readonly (number | null)[], naiveAt: readonly (number | null)[], lookEvery: number, maxRequests: number, alpha: number): Buffer {
  const curve = (times: readonly (number | null)[]): Array<[number, number]> => {
    const points: Array<[number, number]> = [];
    for (let n = lookEvery; n <= maxRequests; n += lookEvery) {
      points.push([n, times.filter((t) => t !== null && t <= n).length / times.length]);
    }
    return points;
  };
  return renderLineChart({
    title: 'A/A experiments checked every 100 requests',
    panels: [{
      title: 'Share of experiments that declared a (false) difference',
      xLabel: 'requests', yLabel: 'false-positive rate', yMin: 0,
      series: [
        { name: 'always-valid mSPRT', points: curve(alwaysValidAt) },
        { name: 'naive z-test, peeked', points: curve(naiveAt), dashed: true },
      ],
      referenceLines: [{ y: alpha, label: `nominal ${Math.round(alpha * 100)}%` }],
    }],
    panelWidth: 720,
    panelHeight: 360,
  });
}
