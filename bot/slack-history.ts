import type { webApi } from '@slack/bolt';
import type { ChatMessage } from '../router/chat-turn.js';
import { HISTORY_CUT_NOTE } from './conversation.js';

/** Who the bot is in the workspace: its own messages are the 'assistant' side of a thread. */
export interface SlackIdentity {
  botId: string;
  botUserId: string;
}

/** Pages of conversations.replies read at most; a thread longer than that is reported as cut. */
const MAX_PAGES = 5;
const PAGE_SIZE = 200;

/** Removes the bot's own mention (`<@U123>` or `<@U123|name>`), which is addressing, not content. */
export function stripMention(text: string, botUserId: string): string {
  const escaped = botUserId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`<@${escaped}(\\|[^>]*)?>`, 'g'), '').replace(/[ \t]{2,}/g, ' ').trim();
}

/**
 * The messages of a thread before `beforeTs`, oldest first: the bot's (and other bots') as
 * 'assistant', everyone else's as 'user'. `incomplete` says the thread was longer than we read.
 */
export async function threadHistory(
  client: webApi.WebClient, channel: string, threadTs: string, beforeTs: string, identity: SlackIdentity,
): Promise<{ messages: ChatMessage[]; incomplete: boolean }> {
  const messages: ChatMessage[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await client.conversations.replies({ channel, ts: threadTs, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    for (const m of result.messages ?? []) {
      if (!m.ts || Number(m.ts) >= Number(beforeTs) || !m.text) continue;
      const fromBot = m.bot_id !== undefined || m.user === identity.botUserId;
      const content = fromBot ? withoutCutNote(m.text) : stripMention(m.text, identity.botUserId);
      if (content) messages.push({ role: fromBot ? 'assistant' : 'user', content });
    }
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!result.has_more || !cursor) return { messages, incomplete: false };
  }
  return { messages, incomplete: true };
}

/** Our own note about cut context is for the member, not something the model should read back. */
function withoutCutNote(text: string): string {
  return text.startsWith(HISTORY_CUT_NOTE) ? text.slice(HISTORY_CUT_NOTE.length).trim() : text.trim();
}
