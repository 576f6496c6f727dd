import type { PilotRunRecord } from '../store/pilot-records.js';

/** A run as the JSON API shows it: snake_case, times as ISO strings, the degradation named. */
export function runToJson(run: PilotRunRecord): Record<string, unknown> {
  return {
    id: run.id,
    tenant: run.tenant,
    workspace: run.workspace,
    status: run.status,
    orchestrator: run.orchestrator,
    degraded: run.degraded.length > 0,
    degradations: run.degraded,
    request: run.request,
    steps: run.steps,
    analysis: run.analysis,
    error: run.error,
    created_at: new Date(run.createdAt).toISOString(),
    finished_at: run.finishedAt === null ? null : new Date(run.finishedAt).toISOString(),
    duration_seconds: run.durationSeconds,
  };
}
