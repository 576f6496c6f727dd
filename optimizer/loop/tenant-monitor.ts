import { DEFAULT_MONITOR_OPTIONS, monitorRewards, type MonitorReport } from '../monitor/index.js';
import type { OptimizerStore } from '../../store/optimizer-records.js';

/** Most rewards read for one report; a busier community is judged on its newest ones. */
const MAX_REWARDS = 50_000;

/**
 * The trend, anomaly and per-provider report of a community, from its routing rewards of the
 * monitor's window (older ones would be read only to be ignored): what /optimizer status and the
 * optimizer API show.
 */
export function monitorTenant(store: OptimizerStore, tenant: string, now: number): MonitorReport {
  const rewards = store.routingLogs(tenant, now - DEFAULT_MONITOR_OPTIONS.windowMs, MAX_REWARDS)
    .map((l) => ({ at: l.closedAt, reward: l.reward, arm: l.arm }));
  return monitorRewards(rewards, now);
}
