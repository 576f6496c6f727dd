import type { Store } from '../store/store.js';
import type { Metrics } from '../telemetry/index.js';

export type BudgetAction = 'cheapest' | 'refuse';

export interface BudgetOptions {
  /** USD per tenant per UTC day; 0 = no budget. */
  dailyUsd: number;
  action: BudgetAction;
  store: Store;
  metrics: Metrics;
  now: () => number;
}

const DAY_MS = 86_400_000;

/**
 * Each tenant's spend today (UTC), so the router can tell when a community's daily budget is used
 * up. Loaded from the store once per tenant and day (a restart does not reset anyone's budget),
 * then kept current in memory as answers are paid for.
 */
export class TenantBudget {
  private readonly spend = new Map<string, { day: number; usd: number }>();

  constructor(private readonly options: BudgetOptions) {}

  get action(): BudgetAction {
    return this.options.action;
  }

  /** USD left today; Infinity when no budget is set. */
  remaining(tenant: string): number {
    if (this.options.dailyUsd <= 0) return Infinity;
    return this.options.dailyUsd - this.today(tenant).usd;
  }

  /** When the budget resets: the next UTC midnight, epoch ms. */
  resetsAt(): number {
    return (Math.floor(this.options.now() / DAY_MS) + 1) * DAY_MS;
  }

  record(tenant: string, usd: number): void {
    if (this.options.dailyUsd <= 0) return;
    this.today(tenant).usd += usd;
    this.options.metrics.budgetRemaining.set({ tenant }, Math.max(0, this.remaining(tenant)));
  }

  private today(tenant: string): { day: number; usd: number } {
    const day = Math.floor(this.options.now() / DAY_MS);
    let entry = this.spend.get(tenant);
    if (!entry || entry.day !== day) {
      entry = { day, usd: this.options.store.tenantSpend(tenant, day * DAY_MS) };
      this.spend.set(tenant, entry);
    }
    return entry;
  }
}
