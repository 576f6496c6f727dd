import type {
  ArmStats,
  ClosedReward, DecisionRecord, Domain, FeedbackRecord, OutcomeRecord, PendingDecision, PolicySnapshot, RewardRecord,
} from './records.js';
import type { ExperimentStore } from './experiment-records.js';
import type { OptimizerStore } from './optimizer-records.js';
import type { PilotStore } from './pilot-records.js';

/**
 * Durable state of the request path. Writes are synchronous on purpose: the decision must be on
 * disk before the provider is called (DESIGN.md, step 2), and SQLite makes that cheap.
 */
export interface Store {
  recordDecision(decision: DecisionRecord): void;
  recordOutcome(outcome: OutcomeRecord): void;
  /** Returns false (and stores nothing) when the decision id is unknown. */
  recordFeedback(feedback: FeedbackRecord): boolean;
  /** Stores the final reward; returns its sequence number, or null when the decision already had one. */
  closeReward(reward: RewardRecord): number | null;

  decision(id: string): DecisionRecord | undefined;
  /** Decisions without a reward created at or before `createdBefore`, oldest first. */
  pendingDecisions(createdBefore: number, limit?: number): PendingDecision[];
  /** USD spent on answers (every attempt's outcome) for a tenant's decisions made at or after `since`. */
  tenantSpend(tenant: string, since: number): number;
  /** How many decisions of a domain still wait for their reward. */
  pendingCount(domain: Domain): number;
  /** Rewards of a domain with seq > afterSeq, in seq order. */
  rewardsSince(domain: Domain, afterSeq: number): ClosedReward[];

  /** Remembers that a platform message carries the answer of a decision (idempotent). */
  linkMessage(platform: string, messageId: string, decisionId: string): void;
  decisionForMessage(platform: string, messageId: string): string | undefined;
  /** Per arm, for a tenant's routing decisions made at or after `since`: what /router stats shows. */
  armStats(tenant: string, since: number): ArmStats[];

  /** Experiments, exposures and promoted defaults, in the same database. */
  readonly experiments: ExperimentStore;
  /** Ingested community text, chunks, vectors and pipeline runs. */
  readonly pilot: PilotStore;
  /** The autonomous optimizer's runs, canaries and lock. */
  readonly optimizer: OptimizerStore;
  /** Runs `work` in one transaction: all of its writes land, or none (nested calls become savepoints). */
  transaction<T>(work: () => T): T;

  saveSnapshot(snapshot: PolicySnapshot): void;
  latestSnapshot(domain: Domain): PolicySnapshot | undefined;

  close(): void;
}
