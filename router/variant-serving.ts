/**
 * Which policy serves a turn when the tenant runs an experiment or has promoted a variant.
 *
 * Variant policies are kept one per policyVersion (`experiment:<name>/<variant>`), built lazily
 * and brought up to date by replaying the rewards of their own decisions, so they survive a
 * restart without snapshots of their own; a promoted variant keeps its policyVersion and so keeps
 * its learning. Simplification: the shared routing policy (the keeper's) still learns from every
 * routing reward, variants' included. That is valid off-policy data (propensities are logged), but
 * it means control also benefits from a variant's exploration; comparisons measure "serving
 * policy" differences, not fully isolated learners.
 */
import type { Policy } from '../bandits/policy.js';
import type { ExperimentEngine } from '../experiments/engine.js';
import type { BanditOverrides, ExperimentStore, VariantPolicy } from '../store/experiment-records.js';
import type { ClosedReward } from '../store/records.js';
import type { Logger } from '../telemetry/index.js';

export interface Serving {
  policyVersion: string;
  /** Index of the arm a fixed-arm variant always uses. */
  fixedArm?: number;
  /** A variant's own policy; undefined means the shared routing policy. */
  policy?: Policy;
  /** Set while an experiment runs: the decision is recorded as an exposure of this variant. */
  exposure?: { experimentId: string; experimentName: string; variant: string };
}

export interface VariantServingOptions {
  engine: ExperimentEngine;
  store: ExperimentStore;
  arms: readonly string[];
  dimensions: number;
  /** A fresh policy with the overrides applied on top of the configured bandit settings. */
  build: (overrides: BanditOverrides, policyVersion: string) => Policy;
  logger: Logger;
}

export class VariantServing {
  private readonly policies = new Map<string, Policy>();

  constructor(private readonly options: VariantServingOptions) {}

  /** Undefined when nothing but the shared policy applies: the request path is then unchanged. */
  resolve(turn: { tenant: string; user: string }): Serving | undefined {
    const assignment = this.options.engine.assign(turn);
    if (assignment) {
      return {
        ...this.serve(assignment.variant.policy, assignment.policyVersion),
        exposure: { experimentId: assignment.experiment.id, experimentName: assignment.experiment.name, variant: assignment.variant.name },
      };
    }
    const promoted = this.options.engine.tenantDefault(turn.tenant);
    return promoted ? this.serve(promoted.policy, promoted.policyVersion) : undefined;
  }

  /** The variant policy logged under this version, if it has been built. */
  policy(policyVersion: string): Policy | undefined {
    return this.policies.get(policyVersion);
  }

  /** A closed reward of a decision; only variant policies already built learn (the others replay when built). */
  learn(policyVersion: string, reward: ClosedReward): void {
    const policy = this.policies.get(policyVersion);
    if (policy) this.update(policy, reward);
  }

  private serve(spec: VariantPolicy, policyVersion: string): Serving {
    if (spec.kind === 'fixed-arm') {
      const arm = this.options.arms.indexOf(spec.arm);
      if (arm >= 0) return { policyVersion, fixedArm: arm };
      // The arm was removed from the config since: serve with the shared policy rather than fail.
      this.options.logger.warn({ policyVersion, arm: spec.arm }, 'fixed-arm variant names an arm that is not configured');
      return { policyVersion };
    }
    const overrides = spec.overrides ?? {};
    if (Object.keys(overrides).length === 0) return { policyVersion };
    return { policyVersion, policy: this.policyFor(policyVersion, overrides) };
  }

  private policyFor(policyVersion: string, overrides: BanditOverrides): Policy {
    let policy = this.policies.get(policyVersion);
    if (!policy) {
      policy = this.options.build(overrides, policyVersion);
      for (const reward of this.options.store.rewardsForPolicyVersion(policyVersion)) this.update(policy, reward);
      this.policies.set(policyVersion, policy);
    }
    return policy;
  }

  private update(policy: Policy, reward: ClosedReward): void {
    const arm = this.options.arms.indexOf(reward.arm);
    if (arm < 0 || reward.features.length !== this.options.dimensions) return;
    policy.update(reward.features, arm, reward.reward, reward.propensity);
  }
}
