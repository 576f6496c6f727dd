import type { webApi } from '@slack/bolt';
import type { HistorySource, SourceText } from '../pilot/types.js';
import { abortable } from './abortable.js';
import type { SlackIdentity } from './slack-history.js';

/** Slack recommends pages of at most 200 (the method allows up to 999). */
const PAGE_SIZE = 200;

/** Subtypes that are somebody writing something; the rest (joins, topic changes, pins…) are not community text. */
const WRITTEN = new Set([undefined, 'bot_message', 'me_message', 'file_share', 'thread_broadcast']);

/** A message as conversations.history returns it (the fields read here). */
type HistoryMessage = NonNullable<webApi.ConversationsHistoryResponse['messages']>[number];

export interface SlackHistoryIdentity extends SlackIdentity {
  /** The workspace's URL from auth.test (`https://<team>.slack.com/`); asked for once, on first use, when not given. */
  workspaceUrl?: string;
}

/**
 * A channel's recent history for the pilot's ingest: conversations.history from now back to
 * `since` (Slack's `oldest`, inclusive), 200 a page, following `response_metadata.next_cursor`
 * until `has_more` is false or `limit` messages are kept. Slack returns newest first; the result
 * is oldest first.
 *
 * Rate limits are the WebClient's job: on a 429 it waits `Retry-After` seconds and retries, as
 * long as the client's retryConfig has retries left and rejectRateLimitedCalls is off (see
 * historyClientOptions in slack.ts). conversations.history is Tier 3 (about 50 calls a minute);
 * commercially distributed apps outside the Marketplace get 1 call a minute and 15 messages a page
 * since 2025, which makes reading long histories slow but still correct here.
 *
 * Top-level messages only: thread replies would take a conversations.replies call per thread,
 * under the same rate limit, and are out of scope (threads broadcast to the channel are included).
 * Skipped: empty texts, channel events (joins, topic changes…) and the bot's own messages.
 */
export function createSlackHistorySource(client: webApi.WebClient, identity: SlackHistoryIdentity): HistorySource {
  let workspaceUrl: Promise<string> | undefined = identity.workspaceUrl ? Promise.resolve(withSlash(identity.workspaceUrl)) : undefined;
  const workspace = (): Promise<string> => {
    workspaceUrl ??= client.auth.test().then((result) => {
      if (!result.url) throw new Error('Slack auth.test gave no workspace url: cannot link to messages');
      return withSlash(result.url);
    });
    // A failed lookup is asked again next time rather than remembered.
    workspaceUrl.catch(() => (workspaceUrl = undefined));
    return workspaceUrl;
  };

  return {
    platform: 'slack',
    async history(channel, { since, limit, signal }) {
      if (limit <= 0) return [];
      const base = await abortable(workspace(), signal);
      const newestFirst: SourceText[] = [];
      let cursor: string | undefined;
      for (;;) {
        signal?.throwIfAborted();
        const page = await abortable(client.conversations.history({
          channel, limit: PAGE_SIZE, oldest: (Math.max(0, since) / 1000).toFixed(6), inclusive: true, ...(cursor ? { cursor } : {}),
        }), signal);
        for (const message of page.messages ?? []) {
          const text = toSourceText(message, channel, base, identity);
          if (!text || text.createdAt < since) continue;
          newestFirst.push(text);
          if (newestFirst.length >= limit) return newestFirst.reverse();
        }
        cursor = page.response_metadata?.next_cursor || undefined;
        if (!page.has_more || !cursor) return newestFirst.reverse();
      }
    },
  };
}

function toSourceText(message: HistoryMessage, channel: string, workspaceUrl: string, identity: SlackIdentity): SourceText | undefined {
  const { ts, text } = message;
  if (!ts || !text?.trim() || !WRITTEN.has(message.subtype)) return undefined;
  if (message.user === identity.botUserId || message.bot_id === identity.botId) return undefined;
  return {
    sourceId: `slack:${channel}:${ts}`,
    origin: 'slack',
    channel,
    author: message.user ?? message.bot_id ?? message.username ?? 'unknown',
    createdAt: tsToMs(ts),
    text,
    // Slack's permalink form: the ts without its dot, after a 'p'.
    url: `${workspaceUrl}archives/${channel}/p${ts.replace('.', '')}`,
  };
}

/** '1700000000.000100' → 1700000000000: exact, where parseFloat(ts) * 1000 can be off by a rounding. */
function tsToMs(ts: string): number {
  const [seconds = '0', micros = ''] = ts.split('.');
  return Number(seconds) * 1000 + Number(micros.padEnd(6, '0').slice(0, 3));
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
