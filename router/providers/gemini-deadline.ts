/**
 * The abort signal handed to the SDK for one request. We keep the timeout ourselves rather than
 * using httpOptions.timeout: the SDK's timer keeps running while a stream's body is read, so it
 * would cut off long but healthy answers, and it cannot tell us afterwards whether it fired.
 * Here the timer only runs while we wait on the server, and we know who aborted.
 */
export class GeminiDeadline {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private expired = false;
  private readonly onCallerAbort = () => this.controller.abort();

  constructor(
    private readonly timeoutMs: number,
    private readonly callerSignal?: AbortSignal,
  ) {
    if (callerSignal?.aborted) this.controller.abort();
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get timedOut(): boolean {
    return this.expired;
  }

  get callerAborted(): boolean {
    return this.callerSignal?.aborted ?? false;
  }

  /** Starts (or restarts) waiting on the server. */
  arm(): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort();
    }, this.timeoutMs);
  }

  /** Stops the clock while the caller, not the server, is the one being slow. */
  disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Ends the request early (caller stopped reading) and releases everything. */
  dispose(): void {
    this.disarm();
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    this.controller.abort();
  }
}
