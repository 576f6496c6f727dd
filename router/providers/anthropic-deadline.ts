import type { AbortState } from './anthropic-errors.js';

/**
 * One abort signal for a request that fires when the caller aborts or when `timeoutMs` pass
 * without progress, remembering which. The SDK's own timeout only covers the wait for response
 * headers, so a body that stalls after them would otherwise hang forever.
 */
export class AnthropicDeadline implements AbortState {
  timedOut = false;
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private readonly onCallerAbort = () => this.controller.abort();

  constructor(
    private readonly caller: AbortSignal | undefined,
    private readonly timeoutMs: number,
  ) {
    if (caller?.aborted) this.controller.abort();
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.progress();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get cancelledByCaller(): boolean {
    return this.caller?.aborted === true;
  }

  /** Something arrived: the next `timeoutMs` start now. */
  progress(): void {
    clearTimeout(this.timer);
    if (this.controller.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, this.timeoutMs);
  }

  /** The caller is busy with what we gave it: its time is not the provider's. */
  pause(): void {
    clearTimeout(this.timer);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}
