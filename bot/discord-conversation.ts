import { MessageReferenceType, type Message } from 'discord.js';
import type { Config } from '../config/index.js';
import type { ChatMessage, ChatTurn } from '../router/chat-turn.js';
import type { AccessSubject } from './access.js';
import { HISTORY_CUT_NOTE, trimHistory } from './conversation.js';

/** What the bot shows while it waits for the first words; never part of a conversation's history. */
export const DISCORD_PLACEHOLDER = '…';

/**
 * Marks an answer still being written. Streaming edits always end with it and final texts never
 * do, so the final edit (with the buttons) is never mistaken for one already sent.
 */
export const STREAMING_CURSOR = ' ▌';

/**
 * Whether a guild message is for the bot. It is when the bot is @mentioned (directly or through
 * its managed role), when it replies to one of the bot's messages (with or without the ping), and
 * in a thread the bot is part of: a thread it started, or one it is a member of. Discord makes the
 * bot a member when it is mentioned in the thread or posts there, and the gateway keeps discord.js
 * told (GUILD_CREATE, THREAD_LIST_SYNC, THREAD_MEMBER_UPDATE), so the rule holds across restarts.
 * Once in, the bot answers every member message in that thread: the thread is the conversation.
 */
export function isAddressedToBot(message: Message, botId: string): boolean {
  if (message.mentions.users.has(botId) || message.mentions.repliedUser?.id === botId) return true;
  const botRole = message.guild?.roles.botRoleFor(botId);
  if (botRole && message.mentions.roles.has(botRole.id)) return true;
  const channel = message.channel;
  return channel.isThread() && (channel.ownerId === botId || channel.joined);
}

/** Who asked where, for the allow/block lists; a thread is also checked as its parent channel. */
export function accessSubject(message: Message): AccessSubject {
  const channel = message.channel;
  const parent = channel.isThread() ? channel.parentId : null;
  return {
    user: message.author.id,
    roles: message.member ? [...message.member.roles.cache.keys()] : [],
    channel: message.channelId,
    ...(parent ? { parentChannel: parent } : {}),
  };
}

/** Message text without the bot's own mention (user or role): the question as the member meant it. */
export function stripBotMention(text: string, botId: string, botRoleId?: string): string {
  let stripped = text.replace(new RegExp(`<@!?${botId}>`, 'g'), '');
  if (botRoleId) stripped = stripped.replace(new RegExp(`<@&${botRoleId}>`, 'g'), '');
  return stripped.replace(/[ \t]{2,}/g, ' ').trim();
}

/** The turn for the router, plus whether earlier messages had to be left out (the answer then says so). */
export async function buildTurn(message: Message, botId: string, limits: Config['conversation']): Promise<{ turn: ChatTurn; truncated: boolean }> {
  const botRoleId = message.guild?.roles.botRoleFor(botId)?.id;
  const channel = message.channel;
  const thread = channel.isThread() ? channel : undefined;
  const earlier = await earlierMessages(message, limits.historyMaxMessages + 1);
  const { history, truncated } = limits.historyMaxMessages > 0 && limits.historyMaxChars > 0
    ? trimHistory(toChatMessages(earlier, botId, botRoleId), { maxMessages: limits.historyMaxMessages, maxChars: limits.historyMaxChars })
    : { history: [], truncated: false };
  const turn: ChatTurn = {
    platform: 'discord',
    tenant: message.guildId ?? `dm:${message.author.id}`,
    channel: thread?.parentId ?? message.channelId,
    ...(thread ? { thread: thread.id } : {}),
    user: message.author.id,
    text: stripBotMention(message.content, botId, botRoleId),
    history,
    replyTo: message.id,
  };
  return { turn, truncated };
}

/**
 * The conversation before `message`, oldest first: a thread's recent messages, else the reply
 * chain followed upwards. At most `max` messages are fetched: one more than is kept, so that a cut
 * can be told from a conversation that simply ends there.
 */
async function earlierMessages(message: Message, max: number): Promise<Message[]> {
  const channel = message.channel;
  if (channel.isThread()) {
    const page = await channel.messages.fetch({ before: message.id, limit: Math.min(100, max) });
    return [...page.values()].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }
  const chain: Message[] = [];
  let current = message;
  while (chain.length < max && current.reference?.messageId && current.reference.type === MessageReferenceType.Default) {
    // A deleted or unreachable parent ends the chain: what was found so far is still the context.
    const parent = await current.fetchReference().catch(() => undefined);
    if (!parent) break;
    chain.unshift(parent);
    current = parent;
  }
  return chain;
}

/**
 * The bot's own messages become the assistant's turns (the pieces of one split answer joined
 * again); everyone else's, other bots' included (a member may ask about one), are the user's.
 */
function toChatMessages(messages: Message[], botId: string, botRoleId: string | undefined): ChatMessage[] {
  const result: ChatMessage[] = [];
  for (const m of messages) {
    if (m.system) continue;
    const mine = m.author.id === botId;
    // An answer still streaming elsewhere in the thread counts with what it has so far.
    const content = mine
      ? m.content.replace(`${HISTORY_CUT_NOTE}\n`, '').replace(STREAMING_CURSOR, '').trim()
      : stripBotMention(m.content, botId, botRoleId);
    if (content === '' || (mine && content === DISCORD_PLACEHOLDER)) continue;
    const previous = result.at(-1);
    if (mine && previous?.role === 'assistant') previous.content = `${previous.content}\n${content}`;
    else result.push({ role: mine ? 'assistant' : 'user', content });
  }
  return result;
}
