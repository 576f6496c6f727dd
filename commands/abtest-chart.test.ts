import { describe, expect, it } from 'vitest';
import type { RewardTimeline } from '../experiments/reward-timeline.js';
import type { ExperimentRecord } from '../store/experiment-records.js';
import { statusChart, statusChartSpec } from './abtest-chart.js';

const HOUR = 3_600_000;
const START = 1_700_000_000_000;

const experiment: ExperimentRecord = {
  id: 'e', tenant: 't', name: 'cheap', status: 'running', salt: 's', createdAt: START, stoppedAt: null, control: 'A',
  variants: [{ name: 'A', share: 0.5, policy: { kind: 'bandit' } }, { name: 'B', share: 0.5, policy: { kind: 'fixed-arm', arm: 'llama-sim' } }],
};

function timeline(hours: number, bPoints = 2): RewardTimeline {
  const at = (i: number) => START + ((i + 1) * hours * HOUR) / 2;
  return {
    start: START, end: START + hours * HOUR,
    variants: [
      { name: 'A', points: [{ at: at(0), count: 10, mean: 0.4 }, { at: at(1), count: 40, mean: 0.5, interval: { lower: 0.3, upper: 0.7 } }] },
      { name: 'B', points: Array.from({ length: bPoints }, (_, i) => ({ at: at(i), count: 40 * (i + 1), mean: 0.6, interval: { lower: 0.5, upper: 0.7 } })) },
    ],
  };
}

describe('statusChartSpec', () => {
  it('draws one curve per variant, shading the interval only where there is one', () => {
    const spec = statusChartSpec(experiment, timeline(10));
    const [a, b] = spec.panels[0]!.series;
    expect(a).toEqual({ name: 'A (control)', points: [[5, 0.4], [10, 0.5]], band: [[10, 0.3, 0.7]] });
    expect(b).toMatchObject({ name: 'B (arm:llama-sim)', band: [[5, 0.5, 0.7], [10, 0.5, 0.7]] });
    expect(spec.panels[0]!.xLabel).toBe('hours since start');
  });

  it('counts time in minutes for a young experiment and in days for an old one', () => {
    expect(statusChartSpec(experiment, timeline(1)).panels[0]!.xLabel).toBe('minutes since start');
    expect(statusChartSpec(experiment, timeline(1)).panels[0]!.series[0]!.points[1]![0]).toBe(60);
    expect(statusChartSpec(experiment, timeline(240)).panels[0]!.xLabel).toBe('days since start');
  });
});

describe('statusChart', () => {
  it('renders a PNG named after the experiment, with alt text', () => {
    const image = statusChart(experiment, timeline(10))!;
    expect(image.name).toBe('abtest-cheap.png');
    expect(image.alt).toBe('Mean reward of A, B in experiment cheap over its 10.0 hours, with always-valid 95% intervals.');
    expect([...image.png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(image.png.byteLength).toBeGreaterThan(5_000);
  });

  it('has no image until some variant has a curve', () => {
    const single: RewardTimeline = { ...timeline(10), variants: [{ name: 'A', points: [{ at: START, count: 3, mean: 1 }] }, { name: 'B', points: [] }] };
    expect(statusChart(experiment, single)).toBeUndefined();
    expect(statusChart(experiment, { ...single, variants: [] })).toBeUndefined();
  });
});
