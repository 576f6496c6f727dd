import type { ClosedReward } from './records.js';

/** Rows of the experiments engine: experiments, exposures and promoted tenant defaults. */

/** Bandit settings a variant may change; anything left out comes from the config. */
export interface BanditOverrides {
  epsilon?: number;
  epsilonFloor?: number;
  ridgeLambda?: number;
  alpha?: number;
  /** The recency correction (the optimizer tunes these; admins' specs do not set them). */
  driftRate?: number;
  driftDecay?: number;
}

export type VariantPolicy =
  | { kind: 'bandit'; overrides?: BanditOverrides }
  | { kind: 'fixed-arm'; arm: string };

export interface VariantSpec {
  name: string;
  /** Relative traffic share (normalised by the sum over variants). */
  share: number;
  policy: VariantPolicy;
}

export type ExperimentStatus = 'running' | 'stopped' | 'promoted';

export interface ExperimentRecord {
  id: string;
  tenant: string;
  name: string;
  status: ExperimentStatus;
  salt: string;
  createdAt: number;
  stoppedAt: number | null;
  variants: VariantSpec[];
  /** Name of the variant the others are compared with. */
  control: string;
}

export interface ExposureRecord {
  experimentId: string;
  variant: string;
  decisionId: string;
}

/** One exposed request with what is known about it so far, for per-variant statistics. */
export interface ExposureOutcome {
  variant: string;
  /** Null until the decision's reward has closed. */
  reward: number | null;
  positiveFeedback: boolean;
  /** At least one attempt failed (the member may still have been answered by a fallback). */
  failed: boolean;
  /** Null when no attempt was recorded (an interrupted request). */
  latencyMs: number | null;
  costUsd: number;
}

/** A closed reward of an exposed request and when it closed: the primary metric over time. */
export interface RewardClose {
  variant: string;
  reward: number;
  closedAt: number;
}

export interface TenantDefault {
  tenant: string;
  experimentId: string;
  variant: string;
  policy: VariantPolicy;
  /** The policyVersion its decisions are logged with; the variant's policy keeps learning under it. */
  policyVersion: string;
  updatedAt: number;
}

/** Experiment-side persistence; a separate interface so the request path's Store stays small. */
export interface ExperimentStore {
  /** Throws when the tenant already has a running experiment or one with the same name. */
  createExperiment(experiment: ExperimentRecord): void;
  experiments(tenant: string): ExperimentRecord[];
  experiment(tenant: string, name: string): ExperimentRecord | undefined;
  runningExperiment(tenant: string): ExperimentRecord | undefined;
  /** Running experiments over all tenants (for the active-experiments gauge). */
  countRunning(): number;
  /** running → stopped|promoted, or stopped → promoted; false (and no change) otherwise. */
  endExperiment(id: string, status: 'stopped' | 'promoted', at: number): boolean;
  /** Ends the experiment as promoted and makes `value` the tenant's default, atomically; false when it was already promoted. */
  promoteExperiment(value: TenantDefault): boolean;
  recordExposure(exposure: ExposureRecord): void;
  exposureOutcomes(experimentId: string): ExposureOutcome[];
  /** Closed rewards of the experiment's exposed requests, oldest close first. */
  rewardCloses(experimentId: string): RewardClose[];
  setTenantDefault(value: TenantDefault): void;
  tenantDefault(tenant: string): TenantDefault | undefined;
  /** Closed rewards of the decisions logged under a policyVersion, in seq order: a variant policy's own history. */
  rewardsForPolicyVersion(policyVersion: string): ClosedReward[];
}
