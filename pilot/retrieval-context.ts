import type { Config } from '../config/index.js';
import type { ChatTurn } from '../router/chat-turn.js';
import type { RetrievedContext } from '../router/route.js';
import type { PilotMetrics } from '../telemetry/pilot-metrics.js';
import type { RetrievalHit } from './types.js';

const PASSAGE_CHARS = 600;

/** The passages as the model sees them, numbered so it can cite them. */
export function passagePrompt(hits: readonly RetrievalHit[]): string {
  const lines = hits.map((h, i) => `[${i + 1}] (#${h.channel}) ${h.text.slice(0, PASSAGE_CHARS).replace(/\s+/g, ' ')}`);
  return [
    'Passages from this community that may help. Use them only where relevant and cite them as [1], [2]; ' +
      'the links are added under your answer, so do not write URLs.',
    ...lines,
  ].join('\n');
}

/**
 * The sources line under an answer. Links are wrapped in <…>: Discord then shows no preview
 * card for each one, and Slack reads <url> as a link; uploads without a link are named instead.
 */
export function sourcesFooter(hits: readonly RetrievalHit[]): string {
  return `\n\nSources: ${hits.map((h, i) => `[${i + 1}] ${h.url ? `<${h.url}>` : h.sourceId.replace(/^(upload|body):/, '')}`).join(' · ')}`;
}

/** The router's retrieval hook: passages of the tenant's pilot vectors for channels listed in RETRIEVAL_CHANNELS. */
export function retrievalContext(
  retrieve: (tenant: string, query: string, options: { k: number }) => Promise<RetrievalHit[]>,
  settings: Config['retrieval'],
  metrics: PilotMetrics,
): { context(turn: ChatTurn): Promise<RetrievedContext | undefined> } {
  const channels = new Set(settings.channels);
  return {
    async context(turn) {
      if (!channels.has(turn.channel)) return undefined;
      const hits = (await retrieve(turn.tenant, turn.text, { k: settings.topK })).filter((h) => h.score >= settings.minScore);
      metrics.retrievals.inc({ outcome: hits.length ? 'used' : 'none' });
      if (!hits.length) return undefined;
      return {
        prompt: passagePrompt(hits),
        footer: sourcesFooter(hits),
        sources: hits.map((h, i) => ({ label: `[${i + 1}]`, ...(h.url ? { url: h.url } : {}) })),
      };
    },
  };
}
