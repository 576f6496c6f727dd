import type { ActionRowBuilder, ButtonBuilder, Message } from 'discord.js';
import type { ChatTurn } from '../router/chat-turn.js';
import type { Clock } from '../router/clock.js';
import type { Answer, NoAnswer, Router } from '../router/route.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../telemetry/index.js';
import { HISTORY_CUT_NOTE, splitMessage, ThrottledEditor } from './conversation.js';
import { DISCORD_PLACEHOLDER, STREAMING_CURSOR } from './discord-conversation.js';
import { feedbackButtons } from './discord-feedback.js';

/** Discord's limit on a message's content. */
export const DISCORD_MESSAGE_LIMIT = 2000;

const EMPTY_ANSWER = '_(the provider returned an empty answer)_';
const FAILED = 'Sorry, something went wrong while answering. Please try again in a moment.';

export interface DiscordAnswerDeps {
  router: Router;
  store: Store;
  clock: Clock;
  logger: Logger;
  editIntervalMs: number;
}

/**
 * Answers `message` in place: a placeholder reply at once, then that reply edited as the answer
 * streams (throttled), then the final text, split over follow-up messages past 2,000 characters,
 * with the 👍 / 👎 buttons on the last piece. Every piece is linked to the decision so reactions
 * count. A failure ends as its error text in the reply: a member never waits on silence.
 */
export async function answerMessage(message: Message, turn: ChatTurn, truncated: boolean, deps: DiscordAnswerDeps): Promise<void> {
  const { router, store, clock, logger } = deps;
  const channel = message.channel;
  if (!channel.isSendable()) return;
  const prefix = truncated ? `${HISTORY_CUT_NOTE}\n` : '';
  const reply = await message.reply({ content: prefix + DISCORD_PLACEHOLDER, allowedMentions: { parse: [], repliedUser: true } });

  let final: { text: string; components: Array<ActionRowBuilder<ButtonBuilder>> } | undefined;
  let finalShown = false;
  const edit = async (text: string) => {
    const done = final !== undefined && text === final.text;
    try {
      await reply.edit({ content: done ? text : streamingView(text), components: done ? final!.components : [], allowedMentions: { parse: [] } });
      if (done) finalShown = true;
    } catch (error) {
      logger.warn({ err: error, messageId: reply.id }, 'could not edit the answer message');
    }
  };
  const editor = new ThrottledEditor(edit, deps.editIntervalMs, clock);

  let streamed = '';
  let result: Answer | NoAnswer;
  try {
    result = await router.route(turn, {
      text: (delta) => {
        streamed += delta;
        editor.update(prefix + streamed.trimEnd() + STREAMING_CURSOR);
      },
      // The provider failed mid-answer and another attempt starts over: what it wrote is void.
      restart: () => {
        streamed = '';
        editor.update(prefix + DISCORD_PLACEHOLDER);
      },
    });
  } catch (error) {
    logger.error({ err: error, messageId: message.id }, 'routing a Discord message failed');
    result = { decisionId: null, error: FAILED };
  }

  if ('error' in result) {
    final = { text: result.error.slice(0, DISCORD_MESSAGE_LIMIT), components: [] };
  } else {
    const pieces = splitMessage(prefix + (result.text.trim() ? result.text : EMPTY_ANSWER), DISCORD_MESSAGE_LIMIT);
    const buttons = [feedbackButtons(result.decisionId)];
    // Linked before the buttons show, so a reaction on the first piece counts from the start.
    store.linkMessage('discord', reply.id, result.decisionId);
    final = { text: pieces[0]!, components: pieces.length === 1 ? buttons : [] };
    await finish(editor, final.text, () => finalShown, edit);
    for (let i = 1; i < pieces.length; i++) {
      const last = i === pieces.length - 1;
      const sent = await channel.send({ content: pieces[i]!, components: last ? buttons : [], allowedMentions: { parse: [] } });
      store.linkMessage('discord', sent.id, result.decisionId);
    }
    return;
  }
  await finish(editor, final.text, () => finalShown, edit);
}

/** The last edit; sent directly if the editor thought it had nothing new to show. */
async function finish(editor: ThrottledEditor, text: string, shown: () => boolean, edit: (text: string) => Promise<void>): Promise<void> {
  await editor.finish(text);
  if (!shown()) await edit(text);
}

/** A streaming text as one message can show it: past the limit, only the first piece (the rest comes at the end). */
function streamingView(text: string): string {
  if (text.length <= DISCORD_MESSAGE_LIMIT) return text;
  const body = text.endsWith(STREAMING_CURSOR) ? text.slice(0, -STREAMING_CURSOR.length) : text;
  return splitMessage(body, DISCORD_MESSAGE_LIMIT - STREAMING_CURSOR.length)[0]! + STREAMING_CURSOR;
}
