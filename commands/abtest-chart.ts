import { renderLineChart, type LineChartSpec, type Series } from '../charts/index.js';
import type { RewardTimeline } from '../experiments/reward-timeline.js';
import type { ExperimentRecord } from '../store/experiment-records.js';
import { describePolicy } from './abtest-spec.js';
import type { CommandReply } from './command.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Whole-ish numbers on the time axis whatever the experiment's age: minutes, then hours, then days. */
function timeUnit(span: number): { ms: number; label: string } {
  if (span < 2 * HOUR) return { ms: MINUTE, label: 'minutes since start' };
  if (span < 3 * DAY) return { ms: HOUR, label: 'hours since start' };
  return { ms: DAY, label: 'days since start' };
}

/** The line chart of the /abtest status image: one curve per variant, its interval shaded. */
export function statusChartSpec(experiment: ExperimentRecord, timeline: RewardTimeline): LineChartSpec {
  const unit = timeUnit(timeline.end - timeline.start);
  const x = (at: number) => (at - timeline.start) / unit.ms;
  const series = timeline.variants.map((v): Series => {
    const spec = experiment.variants.find((s) => s.name === v.name);
    const role = v.name === experiment.control ? 'control' : spec ? describePolicy(spec.policy) : '';
    const withInterval = v.points.filter((p) => p.interval);
    return {
      name: role ? `${v.name} (${role})` : v.name,
      points: v.points.map((p) => [x(p.at), p.mean]),
      ...(withInterval.length > 0 ? { band: withInterval.map((p) => [x(p.at), p.interval!.lower, p.interval!.upper]) } : {}),
    };
  });
  return {
    title: `Experiment ${experiment.name}: mean reward by variant`,
    panels: [{
      title: 'Cumulative mean reward, shaded: always-valid 95% interval (from 30 rewards)',
      xLabel: unit.label, yLabel: 'mean reward', series,
    }],
    panelWidth: 720,
    panelHeight: 360,
  };
}

/**
 * The chart as a reply image; none until some variant's rewards have closed at two different
 * moments: a single moment draws no line, and an empty chart says nothing.
 */
export function statusChart(experiment: ExperimentRecord, timeline: RewardTimeline): CommandReply['image'] {
  if (!timeline.variants.some((v) => v.points.length > 1)) return undefined;
  const curves = timeline.variants.filter((v) => v.points.length > 0);
  const hours = (timeline.end - timeline.start) / HOUR;
  const age = hours < 48 ? `${hours.toFixed(1)} hours` : `${(hours / 24).toFixed(1)} days`;
  return {
    name: `abtest-${experiment.name}.png`,
    png: renderLineChart(statusChartSpec(experiment, timeline)),
    alt: `Mean reward of ${curves.map((v) => v.name).join(', ')} in experiment ${experiment.name} over its ${age}, with always-valid 95% intervals.`,
  };
}
