import type { BanditOverrides } from './experiment-records.js';
import type { ClosedReward } from './records.js';

/** Rows of the autonomous optimizer: its runs, the canaries they deployed, and the run lock. */

/** A point estimate with its confidence interval (OPE on logged decisions, or a live comparison). */
export interface Interval {
  value: number;
  lower: number;
  upper: number;
}

export type OptimizerTrigger = 'schedule' | 'rewards' | 'manual';
export type OptimizerRunStatus = 'running' | 'deployed' | 'not-deployed' | 'failed';

export interface OptimizerTrialRecord {
  params: Record<string, number | string>;
  value: number;
  lower: number;
  upper: number;
}

export interface OptimizerRunRecord {
  id: string;
  tenant: string;
  trigger: OptimizerTrigger;
  status: OptimizerRunStatus;
  startedAt: number;
  finishedAt: number | null;
  /** Logged decisions the objective was estimated on. */
  logs: number;
  trials: OptimizerTrialRecord[];
  /** The best hyperparameters found, as a variant's bandit overrides. */
  best: BanditOverrides | null;
  bestEstimate: Interval | null;
  /** The current policy's estimate on the same logs. */
  currentEstimate: Interval | null;
  /** best − current, paired on the same logs; its lower bound gates deployment. */
  gain: Interval | null;
  /** Why it deployed or did not, in plain words. */
  reason: string | null;
  deploymentId: string | null;
}

export type DeploymentStatus = 'canary' | 'promoted' | 'rolled-back' | 'expired';

export interface DeploymentRecord {
  id: string;
  runId: string;
  tenant: string;
  experimentId: string;
  experimentName: string;
  params: BanditOverrides;
  share: number;
  status: DeploymentStatus;
  createdAt: number;
  endedAt: number | null;
  reason: string | null;
}

/** A routing decision with its closed reward, as the optimizer's objective reads it. */
export interface LoggedRouting extends ClosedReward {
  /** The logging policy's whole distribution over `arms` (DecisionRecord.probabilities). */
  probabilities: number[];
  policyVersion: string;
}

export interface OptimizerStore {
  /** Routing decisions of a tenant whose reward closed after `since`, oldest first (at most `limit`, the newest kept). */
  routingLogs(tenant: string, since: number, limit: number): LoggedRouting[];
  /** How many routing rewards of a tenant closed after `since`. */
  countRewards(tenant: string, since: number): number;
  /** Tenants with routing rewards closed after `since`. */
  activeTenants(since: number): string[];

  createRun(run: OptimizerRunRecord): void;
  updateRun(run: OptimizerRunRecord): void;
  run(id: string): OptimizerRunRecord | undefined;
  recentRuns(tenant: string, limit: number): OptimizerRunRecord[];
  /** Runs a crashed process left 'running' become 'failed'; returns how many. */
  failInterruptedRuns(now: number): number;

  createDeployment(deployment: DeploymentRecord): void;
  endDeployment(id: string, status: Exclude<DeploymentStatus, 'canary'>, at: number, reason: string): boolean;
  deployment(id: string): DeploymentRecord | undefined;
  canaries(): DeploymentRecord[];
  recentDeployments(tenant: string, limit: number): DeploymentRecord[];

  /** Takes or renews the named lock for `holder` until `until`; false when another holder's lease is live. */
  acquireLock(name: string, holder: string, now: number, until: number): boolean;
  releaseLock(name: string, holder: string): void;
}
