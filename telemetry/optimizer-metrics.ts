import { Counter, Gauge, type Registry } from 'prom-client';

export interface OptimizerMetrics {
  runs: Counter<'trigger' | 'outcome'>;
  deployments: Counter<'outcome'>;
  bestObjective: Gauge<'tenant'>;
  canaries: Gauge;
}

export function createOptimizerMetrics(registers: Registry[]): OptimizerMetrics {
  return {
    runs: new Counter({
      name: 'switchboard_optimizer_runs_total',
      help: 'Optimizer runs, by trigger (schedule, rewards, manual) and outcome (deployed, not-deployed, failed, skipped).',
      labelNames: ['trigger', 'outcome'] as const,
      registers,
    }),
    deployments: new Counter({
      name: 'switchboard_optimizer_deployments_total',
      help: 'Canary deployments and how they ended: canary (started), promoted, rolled-back, expired.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    bestObjective: new Gauge({
      name: 'switchboard_optimizer_best_objective',
      help: 'Estimated average reward (off-policy, DR) of the best hyperparameters of the latest run, by community.',
      labelNames: ['tenant'] as const,
      registers,
    }),
    canaries: new Gauge({ name: 'switchboard_optimizer_canaries_active', help: 'Optimizer canaries running now.', registers }),
  };
}
