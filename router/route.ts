import type { Store } from '../store/store.js';
import type { Logger, Metrics } from '../telemetry/index.js';
import { messageTextField } from '../telemetry/index.js';
import { costUsd, type Arm } from './arm.js';
import type { ChatMessage, ChatTurn } from './chat-turn.js';
import type { Clock } from './clock.js';
import { featurize } from './features.js';
import type { PolicyKeeper } from './policy-keeper.js';
import { ProviderError, type StreamChunk, type Usage } from './providers/language-model.js';

export interface Answer {
  decisionId: string;
  arm: string;
  text: string;
  latencyMs: number;
  costUsd: number;
  /** Set when the chosen arm failed and this one answered instead. */
  fallbackFrom?: string;
}

export interface NoAnswer {
  decisionId: string;
  error: string;
}

/** Where the streamed answer goes while it is being written. */
export interface AnswerSink {
  text?(delta: string): void;
  /** The arm that was streaming failed: discard what was shown, another arm starts over. */
  restart?(): void;
}

export interface RouterOptions {
  arms: Arm[];
  keeper: PolicyKeeper;
  store: Store;
  metrics: Metrics;
  logger: Logger;
  clock: Clock;
  newId: () => string;
  systemPrompt: string;
  logMessageText: boolean;
}

/**
 * The request path (DESIGN.md, "A message, end to end"): features → policy → decision stored →
 * provider streams → outcome stored. When the chosen arm fails, the next arms by score answer
 * instead; each attempt is an outcome of its own arm.
 */
export class Router {
  constructor(private readonly options: RouterOptions) {}

  get arms(): readonly Arm[] {
    return this.options.arms;
  }

  async route(turn: ChatTurn, sink: AnswerSink = {}): Promise<Answer | NoAnswer> {
    const { arms, keeper, store, metrics, logger, clock } = this.options;
    const features = featurize(turn);
    const decision = keeper.policy.select(features.vector);
    const chosen = arms[decision.arm]!;
    const id = this.options.newId();
    store.recordDecision({
      id, createdAt: clock.now(), domain: 'routing', tenant: turn.tenant, channel: turn.channel, user: turn.user,
      arms: arms.map((a) => a.name), arm: chosen.name, propensity: decision.propensity,
      probabilities: decision.probabilities, scores: decision.scores, features: Array.from(features.vector),
      kind: features.kind, policyVersion: keeper.policy.learner.kind,
    });
    metrics.decisions.inc({ domain: 'routing', arm: chosen.name });
    metrics.pendingRewards.inc({ domain: 'routing' });
    logger.debug({
      decisionId: id, platform: turn.platform, tenant: turn.tenant, kind: features.kind, arm: chosen.name,
      propensity: decision.propensity, ...messageTextField(turn.text, this.options.logMessageText),
    }, 'decision');

    const messages = this.messages(turn);
    // The chosen arm first, then the others from best to worst score.
    const order = [decision.arm, ...decision.scores.map((s, i) => [s, i] as const)
      .filter(([, i]) => i !== decision.arm).sort((a, b) => b[0] - a[0]).map(([, i]) => i)];
    let lastError = 'no arm could answer';
    for (const index of order) {
      const arm = arms[index]!;
      const fallback = index !== decision.arm;
      const attempt = await this.attempt(arm, messages, sink);
      store.recordOutcome({
        decisionId: id, arm: arm.name, createdAt: clock.now(), latencyMs: attempt.latencyMs,
        inputTokens: attempt.usage.inputTokens ?? null, outputTokens: attempt.usage.outputTokens ?? null,
        costUsd: attempt.costUsd, finishReason: attempt.finishReason, error: attempt.error?.kind ?? null, fallback,
      });
      if (attempt.error) {
        lastError = attempt.error.message;
        metrics.errors.inc({ component: 'provider', kind: attempt.error.kind });
        logger.warn({ decisionId: id, arm: arm.name, kind: attempt.error.kind, status: attempt.error.status }, 'arm failed');
        sink.restart?.();
        continue;
      }
      if (fallback) metrics.fallbacks.inc({ domain: 'routing', from_arm: chosen.name, to_arm: arm.name });
      return {
        decisionId: id, arm: arm.name, text: attempt.text, latencyMs: attempt.latencyMs, costUsd: attempt.costUsd,
        ...(fallback ? { fallbackFrom: chosen.name } : {}),
      };
    }
    return { decisionId: id, error: `Sorry, no provider could answer right now (${lastError}). Please try again in a moment.` };
  }

  private messages(turn: ChatTurn): ChatMessage[] {
    return [{ role: 'system', content: this.options.systemPrompt }, ...turn.history, { role: 'user', content: turn.text }];
  }

  private async attempt(arm: Arm, messages: ChatMessage[], sink: AnswerSink) {
    const { clock, metrics } = this.options;
    const started = clock.now();
    let text = '';
    let usage: Usage = {};
    let finishReason = 'unknown';
    let error: ProviderError | undefined;
    try {
      for await (const chunk of arm.model.stream({ messages }) as AsyncIterable<StreamChunk>) {
        if (chunk.type === 'text') {
          text += chunk.text;
          sink.text?.(chunk.text);
        } else {
          usage = chunk.usage;
          finishReason = chunk.finishReason;
        }
      }
    } catch (cause) {
      error = cause instanceof ProviderError
        ? cause
        : new ProviderError({ provider: arm.model.provider, kind: 'network', message: String(cause), retryable: true, cause });
    }
    const latencyMs = clock.now() - started;
    const cost = costUsd(arm.price, usage);
    const labels = { provider: arm.model.provider, model: arm.model.model };
    metrics.providerRequestDuration.observe({ ...labels, outcome: error ? (error.kind === 'timeout' ? 'timeout' : 'error') : 'success' }, latencyMs / 1000);
    metrics.costUsd.inc(labels, cost);
    if (usage.inputTokens) metrics.tokens.inc({ ...labels, direction: 'input' }, usage.inputTokens);
    if (usage.outputTokens) metrics.tokens.inc({ ...labels, direction: 'output' }, usage.outputTokens);
    return { text, usage, finishReason, latencyMs, costUsd: cost, error };
  }
}
