/**
 * Per-arm circuit breaker (a cooldown, as LLM gateways call it): after `failureThreshold`
 * consecutive failures an arm is open and gets no traffic for `cooldownMs`; then it is half-open
 * and the next request routed to it is a probe. A successful probe closes the circuit; a failed
 * one opens it again for twice as long (up to `maxCooldownMs`), so a provider that stays down is
 * tried less and less often.
 */
export type CircuitState = 'closed' | 'half-open' | 'open';

export interface CircuitOptions {
  failureThreshold: number;
  cooldownMs: number;
  maxCooldownMs: number;
  now: () => number;
  onChange?: (arm: string, state: CircuitState) => void;
}

interface ArmCircuit {
  failures: number;
  openUntil: number;
  cooldownMs: number;
  probing: boolean;
}

export class CircuitBreaker {
  private readonly arms = new Map<string, ArmCircuit>();

  constructor(private readonly options: CircuitOptions) {}

  state(arm: string): CircuitState {
    const c = this.arms.get(arm);
    if (!c || c.openUntil === 0) return 'closed';
    return this.options.now() < c.openUntil ? 'open' : 'half-open';
  }

  /** Whether a request may go to the arm now: not while open, and only one probe at a time while half-open. */
  available(arm: string): boolean {
    const state = this.state(arm);
    return state === 'closed' || (state === 'half-open' && !this.arms.get(arm)!.probing);
  }

  /** Marks the start of a request; in half-open state that request is the probe. */
  begin(arm: string): void {
    const c = this.arms.get(arm);
    if (c && this.state(arm) === 'half-open') c.probing = true;
  }

  success(arm: string): void {
    const c = this.arms.get(arm);
    if (!c) return;
    const wasOpen = c.openUntil !== 0;
    this.arms.set(arm, { failures: 0, openUntil: 0, cooldownMs: this.options.cooldownMs, probing: false });
    if (wasOpen) this.options.onChange?.(arm, 'closed');
  }

  failure(arm: string): void {
    const c = this.arms.get(arm) ?? { failures: 0, openUntil: 0, cooldownMs: this.options.cooldownMs, probing: false };
    const probeFailed = c.probing;
    c.failures++;
    c.probing = false;
    if (probeFailed || c.failures >= this.options.failureThreshold) {
      if (probeFailed) c.cooldownMs = Math.min(this.options.maxCooldownMs, c.cooldownMs * 2);
      c.openUntil = this.options.now() + c.cooldownMs;
      this.options.onChange?.(arm, 'open');
    }
    this.arms.set(arm, c);
  }
}
