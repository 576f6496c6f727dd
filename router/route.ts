import type { Domain, FeedbackRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { Logger, Metrics } from '../telemetry/index.js';
import { messageTextField } from '../telemetry/index.js';
import { cheapestArm, type Arm } from './arm.js';
import { attemptArm, type AttemptResult } from './attempt.js';
import type { TenantBudget } from './budget.js';
import type { ChatMessage, ChatTurn } from './chat-turn.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { Clock } from './clock.js';
import { featurize } from './features.js';
import { LastDecisions, saysPreviousAnswerWasWrong } from './implicit-feedback.js';
import type { PolicyKeeper } from './policy-keeper.js';
import { retryDelayMs, type RetryOptions } from './retry-policy.js';
import type { Serving } from './variant-serving.js';

export interface Answer {
  decisionId: string;
  arm: string;
  text: string;
  latencyMs: number;
  costUsd: number;
  /** Set when the chosen arm failed and this one answered instead. */
  fallbackFrom?: string;
  /** Community passages the answer was given as context; their links end `text`. */
  sources?: Array<{ label: string; url?: string }>;
}

/** Passages retrieved for a turn: prompt text for the model, and the sources line shown under the answer. */
export interface RetrievedContext {
  prompt: string;
  sources: Array<{ label: string; url?: string }>;
  /** Appended to the answer as written, e.g. "\n\nSources: [1] <link>". */
  footer: string;
}

export interface NoAnswer {
  /** Null when no decision was made at all (the tenant's budget is spent and the policy is to refuse). */
  decisionId: string | null;
  error: string;
}

/** Where the streamed answer goes while it is being written. */
export interface AnswerSink {
  text?(delta: string): void;
  /** What was shown so far is void: a retry or another arm starts over. */
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
  retry: RetryOptions;
  circuit: CircuitBreaker;
  budget: TenantBudget;
  feedbackWindowMs: number;
  /** Records implicit feedback (a follow-up saying the last answer was wrong). */
  feedback: (record: FeedbackRecord) => boolean;
  random: () => number;
  /** Experiments and promoted variants; without it (or when it has nothing) the shared policy serves every turn. */
  serving?: { resolve(turn: ChatTurn): Serving | undefined };
  /** Which bandit this router is (DESIGN.md, "Domains"); 'routing' answers members, 'analysis' writes pilot summaries. */
  domain?: Domain;
  /** Community passages for channels with retrieval on; a failure there never stops the answer. */
  retrieval?: { context(turn: ChatTurn): Promise<RetrievedContext | undefined> };
}

/**
 * The request path (DESIGN.md, "A message, end to end"): features → policy → decision stored →
 * provider streams → outcome stored. Retryable errors are retried with backoff (honouring
 * retry-after); when an arm still fails, the other arms answer in order of score, skipping arms
 * whose circuit is open. Every arm tried is an outcome of its own; the fallback's is marked as such.
 */
export class Router {
  private readonly last = new LastDecisions();

  constructor(private readonly options: RouterOptions) {}

  get arms(): readonly Arm[] {
    return this.options.arms;
  }

  async route(turn: ChatTurn, sink: AnswerSink = {}): Promise<Answer | NoAnswer> {
    const { arms, keeper, store, metrics, logger, clock, circuit, budget } = this.options;
    const domain = this.options.domain ?? 'routing';
    const now = clock.now();
    const conversation = LastDecisions.key(turn);
    this.noticeImplicitFeedback(turn, conversation, now);

    const exhausted = budget.remaining(turn.tenant) <= 0;
    if (exhausted) {
      metrics.budgetExhausted.inc({ tenant: turn.tenant, action: budget.action });
      if (budget.action === 'refuse') {
        const resets = new Date(budget.resetsAt()).toISOString().slice(11, 16);
        return { decisionId: null, error: `This community's AI budget for today is spent, so I can't answer until it resets at ${resets} UTC. Sorry!` };
      }
    }

    const features = featurize(turn);
    const available = arms.map((a) => circuit.available(a.name));
    // Over budget, the cheapest arm serves whatever the variant: such turns are not exposures.
    const serving = exhausted ? undefined : this.options.serving?.resolve(turn);
    const decision = (serving?.policy ?? keeper.policy).select(features.vector, available);
    let chosen = decision.arm;
    let { propensity, probabilities } = decision;
    // A variant's arm that is cooling down is not called: the shared policy's pick serves instead, still
    // counted for the variant (intent to treat), with that pick's true propensity logged.
    if (serving?.fixedArm !== undefined && available[serving.fixedArm]) {
      // Deterministic given the variant; the scores still order the fallbacks.
      chosen = serving.fixedArm;
      propensity = 1;
      probabilities = arms.map((_, i) => (i === chosen ? 1 : 0));
    }
    if (exhausted) {
      // Over budget: the cheapest arm, deterministically (propensity 1, still valid for evaluation).
      const usable = arms.map((_, i) => i).filter((i) => available[i]);
      chosen = cheapestArm(arms, usable.length ? usable : arms.map((_, i) => i));
      propensity = 1;
      probabilities = arms.map((_, i) => (i === chosen ? 1 : 0));
    }
    const id = this.options.newId();
    store.recordDecision({
      id, createdAt: now, domain, tenant: turn.tenant, channel: turn.channel, user: turn.user,
      arms: arms.map((a) => a.name), arm: arms[chosen]!.name, propensity, probabilities, scores: decision.scores,
      features: Array.from(features.vector), kind: features.kind,
      policyVersion: exhausted ? 'budget:cheapest' : serving?.policyVersion ?? keeper.policy.learner.kind,
    });
    if (serving?.exposure) {
      store.experiments.recordExposure({ experimentId: serving.exposure.experimentId, variant: serving.exposure.variant, decisionId: id });
      metrics.experimentExposures.inc({ experiment: serving.exposure.experimentName, variant: serving.exposure.variant });
    }
    metrics.decisions.inc({ domain, arm: arms[chosen]!.name });
    metrics.pendingRewards.inc({ domain });
    logger.debug({
      decisionId: id, platform: turn.platform, tenant: turn.tenant, kind: features.kind, arm: arms[chosen]!.name,
      propensity, ...messageTextField(turn.text, this.options.logMessageText),
    }, 'decision');

    const context = await this.retrieve(turn, id);
    const messages = this.messages(turn, context);
    // The chosen arm first, then the others from best to worst score, skipping arms cooling down.
    const order = [chosen, ...decision.scores.map((s, i) => [s, i] as const)
      .filter(([, i]) => i !== chosen && available[i]).sort((a, b) => b[0] - a[0]).map(([, i]) => i)];
    let lastError = 'no provider is available';
    for (const index of order) {
      const arm = arms[index]!;
      const fallback = index !== chosen;
      const result = await this.withRetries(arm, messages, sink);
      store.recordOutcome({
        decisionId: id, arm: arm.name, createdAt: clock.now(), latencyMs: result.latencyMs,
        inputTokens: result.usage.inputTokens ?? null, outputTokens: result.usage.outputTokens ?? null,
        costUsd: result.costUsd, finishReason: result.error ? 'error' : result.finishReason, error: result.error?.kind ?? null, fallback,
      });
      budget.record(turn.tenant, result.costUsd);
      if (result.error) {
        circuit.failure(arm.name);
        lastError = result.error.message;
        metrics.errors.inc({ component: 'provider', kind: result.error.kind });
        logger.warn({ decisionId: id, arm: arm.name, kind: result.error.kind, status: result.error.status }, 'arm failed');
        continue;
      }
      circuit.success(arm.name);
      if (fallback) {
        metrics.fallbacks.inc({ domain, from_arm: arms[chosen]!.name, to_arm: arm.name });
        logger.info({ decisionId: id, from: arms[chosen]!.name, to: arm.name }, 'answered by fallback');
      }
      this.last.set(conversation, id, now);
      if (context) sink.text?.(context.footer);
      return {
        decisionId: id, arm: arm.name, text: result.text + (context?.footer ?? ''), latencyMs: result.latencyMs, costUsd: result.costUsd,
        ...(fallback ? { fallbackFrom: arms[chosen]!.name } : {}),
        ...(context ? { sources: context.sources } : {}),
      };
    }
    return { decisionId: id, error: `Sorry, no provider could answer right now (${lastError}). Please try again in a moment.` };
  }

  /** The member's last answered decision in this conversation, within the feedback window. */
  lastDecision(turn: Pick<ChatTurn, 'tenant' | 'channel' | 'thread' | 'user'>): string | undefined {
    return this.last.get(LastDecisions.key(turn), this.options.clock.now() - this.options.feedbackWindowMs);
  }

  private noticeImplicitFeedback(turn: ChatTurn, conversation: string, now: number): void {
    if (!saysPreviousAnswerWasWrong(turn.text)) return;
    const previous = this.last.get(conversation, now - this.options.feedbackWindowMs);
    if (previous) this.options.feedback({ decisionId: previous, kind: 'wrong', source: 'follow-up', user: turn.user, createdAt: now });
  }

  /** One arm, retried on retryable errors; latency and cost add up over its attempts. */
  private async withRetries(arm: Arm, messages: ChatMessage[], sink: AnswerSink): Promise<AttemptResult> {
    const { clock, metrics, circuit, retry, random } = this.options;
    let latencyMs = 0;
    let cost = 0;
    for (let attempt = 0; ; attempt++) {
      circuit.begin(arm.name);
      let streamed = false;
      const result = await attemptArm(arm, messages, { text: (d) => ((streamed = true), sink.text?.(d)) }, clock, metrics);
      latencyMs += result.latencyMs;
      cost += result.costUsd;
      if (streamed && result.error) sink.restart?.();
      const delay = result.error ? retryDelayMs(result.error, attempt, retry, random) : null;
      if (!result.error || delay === null) return { ...result, latencyMs, costUsd: cost };
      metrics.retries.inc({ provider: arm.model.provider, model: arm.model.model, kind: result.error.kind });
      await clock.sleep(delay);
      latencyMs += delay;
    }
  }

  private async retrieve(turn: ChatTurn, decisionId: string): Promise<RetrievedContext | undefined> {
    if (!this.options.retrieval) return undefined;
    try {
      return await this.options.retrieval.context(turn);
    } catch (error) {
      this.options.metrics.errors.inc({ component: 'retrieval', kind: 'failed' });
      this.options.logger.warn({ decisionId, err: (error as Error).message }, 'retrieval failed; answering without community passages');
      return undefined;
    }
  }

  private messages(turn: ChatTurn, context?: RetrievedContext): ChatMessage[] {
    const system = context ? `${this.options.systemPrompt}\n\n${context.prompt}` : this.options.systemPrompt;
    return [{ role: 'system', content: system }, ...turn.history, { role: 'user', content: turn.text }];
  }
}
