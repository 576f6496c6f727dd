import {
  decodeNumberRecord, decodeNumbers, decodeStrings, encodeNumberRecord, encodeNumbers, encodeStrings,
} from './json-columns.js';
import type {
  ClosedReward, DecisionRecord, Domain, FeedbackKind, FeedbackRecord, OutcomeRecord, PolicySnapshot, RewardRecord,
} from './records.js';

/** Rows as SQLite hands them back, and the conversions to and from the records. */

export interface DecisionRow {
  id: string;
  created_at: number;
  domain: string;
  tenant: string;
  channel: string;
  user: string;
  arms: string;
  arm: string;
  propensity: number;
  probabilities: string;
  scores: string;
  features: string;
  kind: string;
  policy_version: string;
}

export interface OutcomeRow {
  decision_id: string;
  arm: string;
  created_at: number;
  latency_ms: number;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number;
  finish_reason: string;
  error: string | null;
  fallback: number;
}

export interface FeedbackRow {
  decision_id: string;
  kind: string;
  source: string;
  user: string;
  created_at: number;
}

export interface ClosedRewardRow {
  seq: number;
  decision_id: string;
  domain: string;
  arm: string;
  reward: number;
  components: string;
  closed_at: number;
  features: string;
  propensity: number;
  arms: string;
}

export interface SnapshotRow {
  domain: string;
  last_reward_seq: number;
  state: string;
  created_at: number;
}

/** Named parameters are objects keyed by column name; better-sqlite3 cannot bind booleans. */
export type Params = Record<string, string | number | null>;

export function decisionParams(d: DecisionRecord): Params {
  return {
    id: d.id,
    created_at: d.createdAt,
    domain: d.domain,
    tenant: d.tenant,
    channel: d.channel,
    user: d.user,
    arms: encodeStrings(d.arms),
    arm: d.arm,
    propensity: d.propensity,
    probabilities: encodeNumbers(d.probabilities),
    scores: encodeNumbers(d.scores),
    features: encodeNumbers(d.features),
    kind: d.kind,
    policy_version: d.policyVersion,
  };
}

export function decisionFromRow(row: DecisionRow): DecisionRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    domain: row.domain as Domain,
    tenant: row.tenant,
    channel: row.channel,
    user: row.user,
    arms: decodeStrings(row.arms),
    arm: row.arm,
    propensity: row.propensity,
    probabilities: decodeNumbers(row.probabilities),
    scores: decodeNumbers(row.scores),
    features: decodeNumbers(row.features),
    kind: row.kind,
    policyVersion: row.policy_version,
  };
}

export function outcomeParams(o: OutcomeRecord): Params {
  return {
    decision_id: o.decisionId,
    arm: o.arm,
    created_at: o.createdAt,
    latency_ms: o.latencyMs,
    input_tokens: o.inputTokens,
    output_tokens: o.outputTokens,
    cost_usd: o.costUsd,
    finish_reason: o.finishReason,
    error: o.error,
    fallback: o.fallback ? 1 : 0,
  };
}

export function outcomeFromRow(row: OutcomeRow): OutcomeRecord {
  return {
    decisionId: row.decision_id,
    arm: row.arm,
    createdAt: row.created_at,
    latencyMs: row.latency_ms,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
    finishReason: row.finish_reason,
    error: row.error,
    fallback: row.fallback === 1,
  };
}

export function feedbackParams(f: FeedbackRecord): Params {
  return { decision_id: f.decisionId, kind: f.kind, source: f.source, user: f.user, created_at: f.createdAt };
}

export function feedbackFromRow(row: FeedbackRow): FeedbackRecord {
  return {
    decisionId: row.decision_id,
    kind: row.kind as FeedbackKind,
    source: row.source,
    user: row.user,
    createdAt: row.created_at,
  };
}

export function rewardParams(r: RewardRecord): Params {
  return {
    decision_id: r.decisionId,
    domain: r.domain,
    arm: r.arm,
    reward: r.reward,
    components: encodeNumberRecord(r.components),
    closed_at: r.closedAt,
  };
}

export function closedRewardFromRow(row: ClosedRewardRow): ClosedReward {
  return {
    seq: row.seq,
    decisionId: row.decision_id,
    domain: row.domain as Domain,
    arm: row.arm,
    reward: row.reward,
    components: decodeNumberRecord(row.components),
    closedAt: row.closed_at,
    features: decodeNumbers(row.features),
    propensity: row.propensity,
    arms: decodeStrings(row.arms),
  };
}

export function snapshotParams(s: PolicySnapshot): Params {
  const state = JSON.stringify(s.state);
  // JSON.stringify(undefined) is undefined, which would otherwise surface as a NOT NULL error.
  if (state === undefined) throw new Error(`Policy snapshot for ${s.domain} has no JSON-serializable state`);
  return { domain: s.domain, last_reward_seq: s.lastRewardSeq, state, created_at: s.createdAt };
}

export function snapshotFromRow(row: SnapshotRow): PolicySnapshot {
  return {
    domain: row.domain as Domain,
    lastRewardSeq: row.last_reward_seq,
    state: JSON.parse(row.state) as unknown,
    createdAt: row.created_at,
  };
}
