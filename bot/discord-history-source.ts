import { ChannelType, DiscordAPIError, PermissionFlagsBits, RESTJSONErrorCodes, type Client, type Message, type TextBasedChannel } from 'discord.js';
import type { HistorySource, SourceText } from '../pilot/types.js';
import { abortable } from './abortable.js';

/** Discord's largest page of GET /channels/{id}/messages. */
const PAGE_SIZE = 100;

/**
 * A channel's recent history for the pilot's ingest, read through the adapter's running client:
 * pages backwards from the newest message (`before` = the oldest id seen) until `since` or `limit`.
 * Rate limits are discord.js's job: its REST manager queues requests per bucket, waits out
 * `x-ratelimit-reset-after` when a bucket is spent and retries a 429 after `retry-after` (a 429
 * never uses up the `rest.retries` budget, which is for 5xx and network errors only).
 *
 * Threads are channels of their own on Discord: a channel's history holds a thread's starter
 * message, not its replies; read the thread's id to get those. Skipped: empty texts (attachments,
 * embeds or stickers only), system messages (joins, pins), and the bot's own messages.
 */
export function createDiscordHistorySource(client: Client): HistorySource {
  return {
    platform: 'discord',
    async history(channelId, { since, limit, signal }) {
      if (limit <= 0) return [];
      const channel = await readableChannel(client, channelId);
      const botId = client.user?.id;
      const newestFirst: SourceText[] = [];
      let before: string | undefined;
      for (;;) {
        signal?.throwIfAborted();
        const page = await abortable(
          channel.messages.fetch({ limit: PAGE_SIZE, ...(before ? { before } : {}), cache: false }).catch((error: unknown) => {
            throw explain(error, channelId);
          }),
          signal,
        );
        // Discord answers newest first; sorted again so a reordered page cannot skip messages.
        const messages = [...page.values()].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
        for (const message of messages) {
          if (message.createdTimestamp < since) return newestFirst.reverse();
          if (message.system || message.author.id === botId || message.content.trim() === '') continue;
          newestFirst.push(toSourceText(message));
          if (newestFirst.length >= limit) return newestFirst.reverse();
        }
        if (messages.length < PAGE_SIZE) return newestFirst.reverse();
        before = messages.at(-1)!.id;
      }
    },
  };
}

function toSourceText(message: Message): SourceText {
  return {
    sourceId: `discord:${message.channelId}:${message.id}`,
    origin: 'discord',
    channel: message.channelId,
    author: message.author.id,
    createdAt: message.createdTimestamp,
    text: message.content,
    // https://discord.com/channels/<guild or @me>/<channel>/<message>
    url: message.url,
  };
}

/** The channel, if it holds messages the bot may read; otherwise an error that says which of those it is not. */
async function readableChannel(client: Client, channelId: string): Promise<TextBasedChannel> {
  if (!client.isReady()) throw new Error(`cannot read Discord channel ${channelId}: the Discord client is not connected (adapter stopped?)`);
  const channel = await client.channels.fetch(channelId).catch((error: unknown) => {
    throw explain(error, channelId);
  });
  if (!channel) throw new Error(`unknown Discord channel ${channelId}`);
  if (!channel.isTextBased()) {
    throw new Error(`Discord channel ${channelId} is a ${ChannelType[channel.type]} channel, which has no messages of its own to read`);
  }
  if (!channel.isDMBased()) {
    // The REST API would refuse too (403); checked here so the error can name the missing permission.
    const permissions = channel.permissionsFor(client.user);
    for (const [name, flag] of [['View Channel', PermissionFlagsBits.ViewChannel], ['Read Message History', PermissionFlagsBits.ReadMessageHistory]] as const) {
      if (permissions && !permissions.has(flag)) throw new Error(`missing access to Discord channel ${channelId}: the bot lacks the ${name} permission there`);
    }
  }
  return channel;
}

/** Discord's error codes for the usual reasons a channel cannot be read, in words. */
function explain(error: unknown, channelId: string): unknown {
  if (!(error instanceof DiscordAPIError)) return error;
  switch (error.code) {
    case RESTJSONErrorCodes.UnknownChannel:
      return new Error(`unknown Discord channel ${channelId}`, { cause: error });
    case RESTJSONErrorCodes.MissingAccess:
    case RESTJSONErrorCodes.MissingPermissions:
      return new Error(`missing access to Discord channel ${channelId}: the bot cannot view it or read its history (${error.message})`, { cause: error });
    default:
      return error;
  }
}
