/**
 * The experiments engine: creates, assigns, stops and promotes a tenant's routing experiments.
 * It holds no state of its own (everything is in the store), so the router and the /abtest
 * command can each hold an instance and still agree, and a restart changes nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ExperimentRecord, ExperimentStore, TenantDefault, VariantPolicy, VariantSpec } from '../store/experiment-records.js';
import { assignVariant, cumulativeShares } from './assignment.js';
import { experimentReport, type ExperimentReport, type ReportOptions } from './experiment-report.js';

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
   * The A/B experiment admins start: control A is the tenant's current default policy (the shared
   * bandit unless a variant was promoted), challenger B gets `share` of the members.
   */
  createAb(input: { tenant: string; name: string; challenger: VariantPolicy; share: number }): ExperimentRecord {
    const control = this.tenantDefault(input.tenant)?.policy ?? { kind: 'bandit' as const };
    return this.create({
      tenant: input.tenant, name: input.name, control: 'A',
      variants: [{ name: 'A', share: 1 - input.share, policy: control }, { name: 'B', share: input.share, policy: input.challenger }],
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

  private require(tenant: string, name: string): ExperimentRecord {
    const experiment = this.options.store.experiment(tenant, name);
    if (!experiment) throw new Error(`No experiment named "${name}" in this community.`);
    return experiment;
  }
}
