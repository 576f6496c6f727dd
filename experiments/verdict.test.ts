import { describe, expect, it } from 'vitest';
import type { ArmStats } from './arm-stats.js';
import { compareArms } from './always-valid.js';
import { checkGuardrail } from './guardrail.js';
import { requestsNeeded } from './sample-size.js';
import { sampleRatioMismatch } from './srm.js';
import { formatRequests, verdict } from './verdict.js';

const arm = (count: number, mean: number, variance: number): ArmStats => ({ count, mean, m2: variance * (count - 1) });
const names = { controlName: 'A', variantName: 'B' };

describe('verdict', () => {
  it('promotes a clearly better variant', () => {
    const primary = compareArms(arm(2000, 0.6, 0.24), arm(2000, 0.65, 0.2275), { tau2: 0.01 });
    expect(verdict({ ...names, primary })).toEqual({ decision: 'promote', text: 'B is better by 0.05 (0.00165 to 0.0983) — safe to promote' });
  });

  it('asks for more requests while inconclusive, estimated from the variance and the MDE', () => {
    const control = arm(1000, 0.6, 0.24);
    const variant = arm(1000, 0.605, 0.239);
    const primary = compareArms(control, variant);
    const more = requestsNeeded(control, variant, { mde: 0.03 });
    // Fixed-sample 80%-power size for 0.03 is 2·(1.96+0.84)²·0.24/0.03² ≈ 4,200 per arm; the
    // always-valid test must ask for more than that but within a small factor.
    expect(more).toBeGreaterThan(2 * 4200 - 2000);
    expect(more).toBeLessThan(3 * 2 * 4200);
    const v = verdict({ ...names, primary, moreRequests: more });
    expect(v.decision).toBe('continue');
    expect(v.text).toBe(`no difference yet; about ${formatRequests(more!)} more requests needed`);
    expect(v.text).toMatch(/^no difference yet; about [\d,]+ more requests needed$/);
    expect(requestsNeeded(control, variant, { mde: 0.06 })!).toBeLessThan(more!);
    expect(verdict({ ...names, primary }).text).toContain('too little data');
  });

  it('stops on a tripped guardrail even when the reward is better', () => {
    const primary = compareArms(arm(5000, 0.6, 0.24), arm(5000, 0.66, 0.2244));
    const errors = checkGuardrail({ metric: 'error rate' }, arm(5000, 0.02, 0.0196), arm(5000, 0.05, 0.0475));
    const v = verdict({ ...names, primary, guardrails: [errors] });
    expect(v.decision).toBe('stopped');
    expect(v.text).toMatch(/^stopped: B's error rate is worse by 0\.03 \(/);
  });

  it('stops on a sample-ratio mismatch before anything else, and says when B is worse', () => {
    const primary = compareArms(arm(5000, 0.6, 0.24), arm(5000, 0.66, 0.2244));
    expect(verdict({ ...names, primary, srm: sampleRatioMismatch([10_400, 9_600], [1, 1]) }).text).toMatch(/^stopped: sample ratio mismatch/);
    const worse = compareArms(arm(5000, 0.66, 0.2244), arm(5000, 0.6, 0.24));
    expect(verdict({ ...names, primary: worse })).toMatchObject({ decision: 'keep-control' });
    expect(verdict({ ...names, primary: worse }).text).toMatch(/^B is worse by 0\.06 \(0\.\d+ to 0\.\d+\) — keep A$/);
  });

  it('rounds request counts to two significant digits', () => {
    expect(formatRequests(12_345)).toBe('13,000');
    expect(formatRequests(987)).toBe('990');
    expect(formatRequests(42)).toBe('42');
  });
});
