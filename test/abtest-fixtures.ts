import type { App } from '../bot/app.js';
import type { ExperimentRecord } from '../store/experiment-records.js';
import { decision, reward } from '../store/store-fixtures.js';

const MINUTE = 60_000;

/**
 * An A/B experiment with `minutes` of history in the store: each minute one request per variant
 * decided and its reward closed, B doing a little better. The app's clock is moved forward over
 * that history, so `/abtest status` sees an experiment that has run for a while and can draw it.
 * B always routes to `arm` (a fixed arm: nothing is replayed into a bandit policy).
 */
export function seedExperiment(app: App, clock: { advance(ms: number): void }, input: { tenant: string; name: string; arm: string; minutes?: number }): ExperimentRecord {
  const experiment = app.experiments.createAb({
    tenant: input.tenant, name: input.name, challengers: [{ policy: { kind: 'fixed-arm', arm: input.arm }, share: 0.5 }],
  });
  const minutes = input.minutes ?? 60;
  for (let i = 0; i < minutes; i++) {
    for (const variant of ['A', 'B']) {
      const id = `${input.name}-${variant}-${i}`;
      const at = experiment.createdAt + i * MINUTE;
      app.store.recordDecision(decision(id, at, { tenant: input.tenant, arm: input.arm, policyVersion: `experiment:${input.name}/${variant}` }));
      app.store.experiments.recordExposure({ experimentId: experiment.id, variant, decisionId: id });
      const value = (variant === 'B' ? 0.2 : 0) + (i % 5) / 5;
      app.store.closeReward(reward(id, value, { arm: input.arm, closedAt: at + MINUTE / 2 }));
    }
  }
  clock.advance(minutes * MINUTE);
  return experiment;
}
