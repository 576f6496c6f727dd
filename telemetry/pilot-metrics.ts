import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface PilotMetrics {
  runs: Counter<'status'>;
  steps: Counter<'step' | 'status'>;
  stepDuration: Histogram<'step'>;
  runDuration: Histogram;
  inFlight: Gauge;
  degraded: Counter<'reason'>;
  /** Answers in retrieval-enabled channels, by whether passages cleared the score floor. */
  retrievals: Counter<'outcome'>;
}

/** From a handful of pasted texts to a channel's whole history with provider embeddings. */
const RUN_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 180, 600];

export function createPilotMetrics(registers: Registry[]): PilotMetrics {
  return {
    runs: new Counter({
      name: 'switchboard_pilot_runs_total',
      help: 'Pilot pipeline runs finished, by status (completed or failed).',
      labelNames: ['status'] as const,
      registers,
    }),
    steps: new Counter({
      name: 'switchboard_pilot_steps_total',
      help: 'Pilot pipeline steps finished, by step (ingest, segment, embed, analysis) and status (completed, failed, skipped).',
      labelNames: ['step', 'status'] as const,
      registers,
    }),
    stepDuration: new Histogram({
      name: 'switchboard_pilot_step_duration_seconds',
      help: 'Time a pilot step took, by step.',
      labelNames: ['step'] as const,
      buckets: RUN_BUCKETS,
      registers,
    }),
    runDuration: new Histogram({
      name: 'switchboard_pilot_run_duration_seconds',
      help: 'Time a pilot run took from start to its last step.',
      buckets: RUN_BUCKETS,
      registers,
    }),
    inFlight: new Gauge({ name: 'switchboard_pilot_runs_in_flight', help: 'Pilot runs in progress now.', registers }),
    degraded: new Counter({
      name: 'switchboard_pilot_runs_degraded_total',
      help: 'Pilot runs that ran degraded, by reason (fallback_sequential: the worker pool was unavailable).',
      labelNames: ['reason'] as const,
      registers,
    }),
    retrievals: new Counter({
      name: 'switchboard_retrievals_total',
      help: 'Answers in retrieval-enabled channels, by outcome (used: passages given as context; none: nothing relevant enough).',
      labelNames: ['outcome'] as const,
      registers,
    }),
  };
}
