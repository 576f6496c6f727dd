/**
 * Settles like `work`, or rejects with the signal's reason as soon as it aborts. Neither
 * discord.js's message fetch nor Slack's WebClient takes a signal, so a cancelled history read
 * stops waiting here while the request in flight (or its rate-limit wait) runs out on its own.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
