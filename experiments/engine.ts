/**
 * The experiments engine: creates, assigns, stops and promotes a tenant's routing experiments.
 * It holds no state of its own (everything is in the store), so the router and the /abtest
 * command can each hold an instance and still agree, and a restart changes nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ExperimentRecord, ExperimentStore, TenantDefault, VariantPolicy, VariantSpec } from '../store/experiment-records.js';
import { assignVariant, cumulativeShares } from './assignment.js';
import { experimentReport, type ExperimentReport, type ReportOptions } from './experiment-report.js';
import { rewardTimeline, type RewardTimeline } from './reward-timeline.js';

export interface ExperimentEngineOptions {
  store: ExperimentStore;
  /** Arm names a fixed-arm variant may name. */
  arms: readonly string[];
  now: () => number;
  newId?: () => string;
  newSalt?: () => string;
  /** Called after an experiment starts or ends (the active-experiments gauge follows it). */
  onChange?: () => void;
  /** Called for every turn assigned to a variant. */
  onAssign?: (experiment: string, variant: string) => void;
}

export interface CreateExperiment {
  tenant: string;
  name: string;
  variants: VariantSpec[];
  control: string;
}

export interface Assignment {
  experiment: ExperimentRecord;
  variant: VariantSpec;
  policyVersion: string;
}

export interface Challenger {
  policy: VariantPolicy;
  /** Fraction of members, in (0, 1); challengers' shares add up to less than 1 and control gets the rest. */
  share: number;
}

/** Challengers of one experiment at most: each adds a comparison, and Bonferroni splits α between them. */
export const MAX_CHALLENGERS = 5;

/** How decisions served by a variant are logged; the same string keeps serving it once promoted. */
export const variantPolicyVersion = (experiment: string, variant: string): string => `experiment:${experiment}/${variant}`;

const NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/i;

export class ExperimentEngine {
  constructor(private readonly options: ExperimentEngineOptions) {}

  create(input: CreateExperiment): ExperimentRecord {
    if (!NAME.test(input.name)) throw new Error(`"${input.name}" is not a valid experiment name: use up to 40 letters, digits, - or _.`);
    for (const v of input.variants) {
      if (!NAME.test(v.name)) throw new Error(`"${v.name}" is not a valid variant name.`);
      if (v.policy.kind === 'fixed-arm' && !this.options.arms.includes(v.policy.arm)) {
        throw new Error(`Unknown arm "${v.policy.arm}": this bot routes to ${this.options.arms.join(', ')}.`);
      }
    }
    if (input.variants.length < 2) throw new Error('An experiment needs a control and at least one other variant.');
    cumulativeShares(input.variants);
    if (!input.variants.some((v) => v.name === input.control)) throw new Error(`Control "${input.control}" is not one of the variants.`);
    const experiment: ExperimentRecord = {
      id: (this.options.newId ?? randomUUID)(),
      tenant: input.tenant, name: input.name, status: 'running',
      // A fresh salt per experiment: members are reshuffled independently of earlier experiments.
      salt: (this.options.newSalt ?? (() => randomBytes(8).toString('hex')))(),
      createdAt: this.options.now(), stoppedAt: null, variants: input.variants, control: input.control,
    };
    this.options.store.createExperiment(experiment);
    this.options.onChange?.();
    return experiment;
  }

  /**
   * The A/B(/n) experiment admins start: control A is the tenant's current default policy (the
   * shared bandit unless a variant was promoted); challengers B, C, D… get their shares of the
   * members, and A the rest.
   */
  createAb(input: { tenant: string; name: string; challengers: readonly Challenger[] }): ExperimentRecord {
    const { challengers } = input;
    if (challengers.length === 0) throw new Error('An experiment needs at least one variant besides control.');
    if (challengers.length > MAX_CHALLENGERS) throw new Error(`At most ${MAX_CHALLENGERS} variants besides control, got ${challengers.length}.`);
    for (const c of challengers) {
      if (!(c.share > 0 && c.share < 1)) throw new Error(`A variant's share must be between 0 and 100 %, exclusive, got ${c.share}.`);
    }
    const rest = 1 - challengers.reduce((sum, c) => sum + c.share, 0);
    // Shares are decimal fractions: a sum that only rounding keeps under 100 % would leave control no members.
    if (!(rest > 1e-9)) throw new Error('The variants\' shares add up to 100 % or more: control needs some members too.');
    const control = this.tenantDefault(input.tenant)?.policy ?? { kind: 'bandit' as const };
    return this.create({
      tenant: input.tenant, name: input.name, control: 'A',
      variants: [
        { name: 'A', share: rest, policy: control },
        ...challengers.map((c, i) => ({ name: String.fromCharCode('B'.charCodeAt(0) + i), share: c.share, policy: c.policy })),
      ],
    });
  }

  list(tenant: string): ExperimentRecord[] {
    return this.options.store.experiments(tenant);
  }

  get(tenant: string, name: string): ExperimentRecord | undefined {
    return this.options.store.experiment(tenant, name);
  }

  stop(tenant: string, name: string): ExperimentRecord {
    const experiment = this.require(tenant, name);
    if (!this.options.store.endExperiment(experiment.id, 'stopped', this.options.now())) {
      throw new Error(`Experiment "${name}" is not running (it is ${experiment.status}).`);
    }
    this.options.onChange?.();
    return this.require(tenant, name);
  }

  /** Ends the experiment (if still running) and makes the variant's policy the tenant's default. */
  promote(tenant: string, name: string, variant: string): TenantDefault {
    const experiment = this.require(tenant, name);
    const spec = experiment.variants.find((v) => v.name === variant);
    if (!spec) throw new Error(`Experiment "${name}" has no variant "${variant}" (it has ${experiment.variants.map((v) => v.name).join(', ')}).`);
    const value: TenantDefault = {
      tenant, experimentId: experiment.id, variant, policy: spec.policy,
      policyVersion: variantPolicyVersion(name, variant), updatedAt: this.options.now(),
    };
    if (!this.options.store.promoteExperiment(value)) throw new Error(`Experiment "${name}" was already promoted.`);
    this.options.onChange?.();
    return value;
  }

  /** The variant that serves this member's turn, or undefined when the tenant runs no experiment. */
  assign(turn: { tenant: string; user: string }): Assignment | undefined {
    const experiment = this.options.store.runningExperiment(turn.tenant);
    if (!experiment) return undefined;
    const chosen = assignVariant({ tenant: turn.tenant, user: turn.user, experiment: experiment.name, salt: experiment.salt }, experiment.variants);
    const variant = experiment.variants.find((v) => v.name === chosen.name)!;
    this.options.onAssign?.(experiment.name, variant.name);
    return { experiment, variant, policyVersion: variantPolicyVersion(experiment.name, variant.name) };
  }

  tenantDefault(tenant: string): TenantDefault | undefined {
    return this.options.store.tenantDefault(tenant);
  }

  status(tenant: string, name: string, options: ReportOptions = {}): ExperimentReport {
    const experiment = this.require(tenant, name);
    return experimentReport(experiment, this.options.store.exposureOutcomes(experiment.id), options);
  }

  /** The mean reward per variant over the experiment's life, for the /abtest status chart. */
  timeline(tenant: string, name: string, options: { points?: number; alpha?: number } = {}): RewardTimeline {
    const experiment = this.require(tenant, name);
    return rewardTimeline(experiment, this.options.store.rewardCloses(experiment.id), { ...options, now: this.options.now() });
  }

  private require(tenant: string, name: string): ExperimentRecord {
    const experiment = this.options.store.experiment(tenant, name);
    if (!experiment) throw new Error(`No experiment named "${name}" in this community.`);
    return experiment;
  }
}
