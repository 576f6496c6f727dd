import { describe, expect, it } from 'vitest';
import type { DecisionRecord, FeedbackRecord, OutcomeRecord } from '../store/records.js';
import { computeReward } from './reward.js';

const weights = { feedbackWeight: 1, latencyWeight: 0.1, costWeight: 100, errorWeight: 2 };
const decision = { id: 'd', arm: 'a', domain: 'routing' } as DecisionRecord;
const outcome = (o: Partial<OutcomeRecord>): OutcomeRecord => ({
  decisionId: 'd', arm: 'a', createdAt: 0, latencyMs: 2000, inputTokens: 10, outputTokens: 20, costUsd: 0.001,
  finishReason: 'stop', error: null, fallback: false, ...o,
});
const fb = (kind: FeedbackRecord['kind'], user = 'u'): FeedbackRecord => ({ decisionId: 'd', kind, source: 'button', user, createdAt: 0 });

describe('computeReward', () => {
  it('adds weighted feedback, latency and cost', () => {
    const r = computeReward({ decision, outcomes: [outcome({})], feedback: [fb('up')] }, weights);
    expect(r.components).toEqual({ feedback: 1, implicit: 0, latency: -0.2, cost: -0.1 });
    expect(r.reward).toBeCloseTo(0.7, 12);
    expect(r.learnable).toBe(true);
  });

  it('takes each member’s latest vote and averages members', () => {
    const r = computeReward({ decision, outcomes: [outcome({})], feedback: [fb('down', 'x'), fb('up', 'x'), fb('down', 'y')] }, weights);
    expect(r.components['feedback']).toBe(0);
  });

  it('counts implicit signals, capped at −1', () => {
    const r = computeReward({ decision, outcomes: [outcome({})], feedback: [fb('wrong'), fb('regenerate')] }, weights);
    expect(r.components['implicit']).toBe(-1);
  });

  it('gives a failed chosen arm the error penalty, whatever members said of the fallback’s answer', () => {
    const r = computeReward({
      decision,
      outcomes: [outcome({ error: 'timeout', costUsd: 0, latencyMs: 1000 }), outcome({ arm: 'b', fallback: true })],
      feedback: [fb('up')],
    }, weights);
    expect(r.components).toEqual({ error: -2, latency: -0.1, cost: -0 });
    expect(r.reward).toBeCloseTo(-2.1, 12);
  });

  it('does not learn from a decision whose request never finished', () => {
    const r = computeReward({ decision, outcomes: [], feedback: [] }, weights);
    expect(r).toEqual({ reward: 0, components: { missingOutcome: 1 }, learnable: false });
  });
});
