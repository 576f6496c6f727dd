import { describe, expect, it } from 'vitest';
import type { ExperimentRecord, ExposureOutcome } from '../store/experiment-records.js';
import { addObservation, emptyArm } from './arm-stats.js';
import { experimentReport, meanInterval } from './experiment-report.js';

const experiment: ExperimentRecord = {
  id: 'e', tenant: 't', name: 'x', status: 'running', salt: 's', createdAt: 0, stoppedAt: null, control: 'A',
  variants: [{ name: 'A', share: 1, policy: { kind: 'bandit' } }, { name: 'B', share: 1, policy: { kind: 'fixed-arm', arm: 'a' } }],
};

function outcomes(variant: string, n: number, reward: (i: number) => number, extra: Partial<ExposureOutcome> = {}): ExposureOutcome[] {
  return Array.from({ length: n }, (_, i) => ({
    variant, reward: reward(i), positiveFeedback: i % 2 === 0, failed: false, latencyMs: 500, costUsd: 0.001, ...extra,
  }));
}

describe('experimentReport', () => {
  it('says B is better when its rewards are clearly higher, with every guardrail quiet', () => {
    const report = experimentReport(experiment, [
      ...outcomes('A', 400, (i) => (i % 5) / 10),
      ...outcomes('B', 400, (i) => 0.4 + (i % 5) / 10),
    ]);
    expect(report.srm?.mismatch).toBe(false);
    expect(report.variants[1]!.positiveFeedback.mean).toBeCloseTo(0.5, 10);
    expect(report.verdicts[0]!.verdict.decision).toBe('promote');
    expect(report.verdicts[0]!.verdict.text).toMatch(/^B is better by 0\.4/);
  });

  it('stops a variant that fails far more often, however good its reward', () => {
    const failing = (n: number, every: number) => outcomes('B', n, (i) => 0.4 + (i % 5) / 10).map((o, i) => ({ ...o, failed: i % every === 0 }));
    const report = experimentReport(experiment, [
      ...outcomes('A', 400, (i) => (i % 5) / 10).map((o, i) => ({ ...o, failed: i % 50 === 0 })),
      ...failing(400, 2),
    ]);
    expect(report.verdicts[0]!.verdict.decision).toBe('stopped');
    expect(report.verdicts[0]!.verdict.text).toMatch(/error rate is worse/);
  });

  it('counts open requests for the split but not for the reward', () => {
    const report = experimentReport(experiment, [...outcomes('A', 3, () => 1), ...outcomes('B', 2, () => 1, { reward: null })]);
    expect(report.variants.map((v) => [v.requests, v.reward.count])).toEqual([[3, 3], [2, 0]]);
    expect(report.verdicts[0]!.verdict.decision).toBe('continue');
  });
});

describe('meanInterval', () => {
  it('is withheld below 30 observations and covers the mean, narrowing as data grows', () => {
    let stats = emptyArm();
    for (let i = 0; i < 29; i++) stats = addObservation(stats, i % 2);
    expect(meanInterval(stats)).toBeUndefined();
    stats = addObservation(stats, 1);
    const small = meanInterval(stats)!;
    expect(small.lower).toBeLessThan(stats.mean);
    expect(small.upper).toBeGreaterThan(stats.mean);
    for (let i = 0; i < 3000; i++) stats = addObservation(stats, i % 2);
    const large = meanInterval(stats)!;
    expect(large.upper - large.lower).toBeLessThan((small.upper - small.lower) / 5);
  });
});
