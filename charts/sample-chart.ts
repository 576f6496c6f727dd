import type { LineChartSpec, Series } from './types.js';

/**
 * A representative chart for eyeballing the renderer and for tests: progressive mean reward of
 * three bandit policies on two synthetic streams, one with a confidence band, one dashed, and a
 * reference line. The data come from a fixed-seed generator, so the chart never changes.
 */
export function sampleChartSpec(): LineChartSpec {
  return {
    title: 'Progressive reward by policy',
    panels: [
      {
        title: 'Dataset A: support tickets',
        xLabel: 'Rows seen',
        yLabel: 'Mean reward',
        series: policies(1, 20_000, [0.62, 0.55, 0.6], false),
        referenceLines: [{ y: 0.65, label: 'oracle 0.65' }],
      },
      {
        title: 'Dataset B: code questions (log x)',
        xLabel: 'Rows seen',
        yLabel: 'Mean reward',
        xLog: true,
        series: policies(7, 50_000, [0.48, 0.41, 0.5], true),
        referenceLines: [{ y: 0.33, label: 'uniform random' }],
      },
    ],
  };
}

function policies(seed: number, rows: number, finals: readonly number[], logSpaced: boolean): Series[] {
  const random = mulberry32(seed);
  const names = ['LinUCB', 'epsilon-greedy', 'Thompson sampling'];
  return names.map((name, i) => {
    const curve = progressiveCurve(random, rows, finals[i]!, logSpaced);
    const series: Series = { name, points: curve.map(([x, y]) => [x, y]) };
    // Rewards lie in [0, 1], and so does any sensible interval for their mean.
    if (i === 0) series.band = curve.map(([x, y, se]) => [x, Math.max(0, y - 1.96 * se), Math.min(1, y + 1.96 * se)]);
    if (i === 1) series.dashed = true;
    return series;
  });
}

/** [row, running mean reward, its standard error]: starts near 1/3, learns towards `final`. */
function progressiveCurve(random: () => number, rows: number, final: number, logSpaced: boolean): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  let sum = 0;
  let sumSquares = 0;
  const every = Math.max(1, Math.floor(rows / 400));
  for (let n = 1; n <= rows; n++) {
    const p = final - (final - 0.33) * Math.exp(-n / (rows / 12));
    const reward = random() < p ? 1 : 0;
    sum += reward;
    sumSquares += reward * reward;
    // Geometric spacing on a log axis, so that early rows are not drawn as long straight chords.
    const sampleNow = logSpaced ? Math.floor(16 * Math.log2(n)) !== Math.floor(16 * Math.log2(n - 1)) : n % every === 0;
    if (n < 20 || sampleNow || n === rows) {
      const mean = sum / n;
      const variance = Math.max(0, sumSquares / n - mean * mean);
      out.push([n, mean, Math.sqrt(variance / n)]);
    }
  }
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
