import type { Metrics } from '../telemetry/index.js';
import { costUsd, type Arm } from './arm.js';
import type { ChatMessage } from './chat-turn.js';
import type { Clock } from './clock.js';
import { ProviderError, type FinishReason, type Usage } from './providers/language-model.js';

export interface AttemptResult {
  text: string;
  usage: Usage;
  finishReason: FinishReason;
  latencyMs: number;
  costUsd: number;
  error?: ProviderError;
}

/** Where streamed text goes while an attempt runs. */
export interface TextSink {
  text?(delta: string): void;
}

/**
 * One call to one arm, streamed, with the arm's timeout. Whatever happens comes back as a result
 * (never a throw): the router decides about retries and fallbacks. Metrics for the call are
 * recorded here, once per attempt.
 */
export async function attemptArm(
  arm: Arm, messages: ChatMessage[], sink: TextSink, clock: Clock, metrics: Metrics,
): Promise<AttemptResult> {
  const started = clock.now();
  const signal = arm.timeoutMs ? AbortSignal.timeout(arm.timeoutMs) : undefined;
  let text = '';
  let usage: Usage = {};
  let finishReason: FinishReason = 'unknown';
  let error: ProviderError | undefined;
  try {
    for await (const chunk of arm.model.stream({ messages, ...(signal ? { signal } : {}) })) {
      if (chunk.type === 'text') {
        text += chunk.text;
        sink.text?.(chunk.text);
      } else {
        usage = chunk.usage;
        finishReason = chunk.finishReason;
      }
    }
    if (finishReason === 'unknown' && text === '') {
      throw new ProviderError({ provider: arm.model.provider, kind: 'malformed', message: 'empty answer', retryable: true });
    }
  } catch (cause) {
    error = toProviderError(arm, cause, signal);
  }
  const latencyMs = clock.now() - started;
  const cost = costUsd(arm.price, usage);
  const labels = { provider: arm.model.provider, model: arm.model.model };
  const outcome = !error ? 'success' : error.kind === 'timeout' ? 'timeout' : 'error';
  metrics.providerRequestDuration.observe({ ...labels, outcome }, latencyMs / 1000);
  if (cost > 0) metrics.costUsd.inc(labels, cost);
  if (usage.inputTokens) metrics.tokens.inc({ ...labels, direction: 'input' }, usage.inputTokens);
  if (usage.outputTokens) metrics.tokens.inc({ ...labels, direction: 'output' }, usage.outputTokens);
  return { text, usage, finishReason, latencyMs, costUsd: cost, ...(error ? { error } : {}) };
}

function toProviderError(arm: Arm, cause: unknown, signal: AbortSignal | undefined): ProviderError {
  // Our own deadline fired: to the provider that was a caller's abort, to the router it is a timeout worth retrying.
  if (signal?.aborted) {
    return new ProviderError({ provider: arm.model.provider, kind: 'timeout', message: `no answer within ${arm.timeoutMs} ms`, retryable: true, cause });
  }
  if (cause instanceof ProviderError) return cause;
  return new ProviderError({ provider: arm.model.provider, kind: 'network', message: String(cause), retryable: true, cause });
}
