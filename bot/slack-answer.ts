import type { webApi } from '@slack/bolt';
import type { ChatTurn } from '../router/chat-turn.js';
import { systemClock } from '../router/clock.js';
import type { Store } from '../store/store.js';
import type { App } from './app.js';
import { HISTORY_CUT_NOTE, splitMessage, ThrottledEditor, trimHistory } from './conversation.js';
import { answerBlocks, SLACK_SECTION_LIMIT } from './slack-blocks.js';
import { stripMention, threadHistory, type SlackIdentity } from './slack-history.js';

/** A member's message the bot answers, as the listeners extracted it from any event shape. */
export interface SlackQuestion {
  team: string;
  channel: string;
  user: string;
  text: string;
  ts: string;
  /** Set when the message is itself in a thread. */
  threadTs?: string;
}

export interface SlackAnswerContext {
  app: App;
  client: webApi.WebClient;
  identity: SlackIdentity;
}

const THINKING = '_Thinking…_';
const RETRYING = '_That provider failed; trying another…_';
const EMPTY_HINT = 'Mention me with a question, e.g. `@Switchboard how do I reverse a list in Python?`';
const FAILED = 'Sorry, something went wrong while answering. Please try again in a moment.';
/** Marks a streaming answer as unfinished; the final text never carries it, so the final edit always goes out. */
const CURSOR = ' ▍';

/**
 * Threads the bot has answered in, as `${channel}:${thread_ts}` links to the decision of its
 * answer. A separate platform name, so a reaction on the member's own thread parent never counts
 * as feedback on an answer.
 */
export const SLACK_THREAD_LINK = 'slack-thread';

export function botAnsweredInThread(store: Store, channel: string, threadTs: string): boolean {
  return store.decisionForMessage(SLACK_THREAD_LINK, `${channel}:${threadTs}`) !== undefined;
}

/**
 * Answers in the message's thread: a placeholder at once, the streamed answer edited into it no
 * more often than the configured interval, long answers split into follow-up messages, and the
 * 👍 / 👎 buttons on the last one. Something always ends up in the thread, an error included.
 */
export async function answerInThread(ctx: SlackAnswerContext, question: SlackQuestion): Promise<void> {
  const { app, client, identity } = ctx;
  const { channel } = question;
  const thread = question.threadTs ?? question.ts;
  const text = stripMention(question.text, identity.botUserId);
  if (!text) {
    await client.chat.postMessage({ channel, thread_ts: thread, text: EMPTY_HINT, blocks: answerBlocks(EMPTY_HINT) });
    return;
  }
  const placeholder = await client.chat.postMessage({ channel, thread_ts: thread, text: THINKING, blocks: answerBlocks(THINKING) });
  const ts = placeholder.ts;
  if (!ts) throw new Error('chat.postMessage returned no ts');

  let final: { text: string; feedbackFor?: string } | undefined;
  // Slack rate-limits edits (about one a second): wall-clock time, whatever clock the router runs on.
  const editor = new ThrottledEditor(async (shown) => {
    const blocks = answerBlocks(shown, shown === final?.text ? final.feedbackFor : undefined);
    await client.chat.update({ channel, ts, text: shown, blocks }).catch((err: unknown) => {
      app.logger.warn({ err, channel, ts }, 'slack message edit failed');
      throw err;
    });
  }, app.config.conversation.streamEditIntervalMs, systemClock);

  let firstPartOut = false;
  try {
    const history = await contextOf(ctx, question);
    const prefix = history.cut ? `${HISTORY_CUT_NOTE}\n` : '';
    const turn: ChatTurn = {
      platform: 'slack', tenant: question.team, channel, thread, user: question.user, text,
      history: history.messages, replyTo: question.ts,
    };
    let streamed = '';
    const result = await app.router.route(turn, {
      text: (delta) => {
        streamed += delta;
        editor.update(preview(prefix + streamed));
      },
      restart: () => {
        streamed = '';
        editor.update(preview(prefix + RETRYING));
      },
    });
    if (result.decisionId !== null) app.store.linkMessage(SLACK_THREAD_LINK, `${channel}:${thread}`, result.decisionId);
    if ('error' in result) {
      final = { text: result.error };
      await editor.finish(result.error);
      return;
    }
    const pieces = splitMessage(prefix + result.text, SLACK_SECTION_LIMIT);
    const last = pieces.length - 1;
    final = { text: pieces[0]!, ...(last === 0 ? { feedbackFor: result.decisionId } : {}) };
    // Linked before it shows its final text, so a reaction as soon as the answer is there counts.
    app.store.linkMessage('slack', `${channel}:${ts}`, result.decisionId);
    await editor.finish(final.text);
    firstPartOut = true;
    for (let i = 1; i <= last; i++) {
      const piece = pieces[i]!;
      const posted = await client.chat.postMessage({
        channel, thread_ts: thread, text: piece, blocks: answerBlocks(piece, i === last ? result.decisionId : undefined),
      });
      if (posted.ts) app.store.linkMessage('slack', `${channel}:${posted.ts}`, result.decisionId);
    }
  } catch (err) {
    app.logger.error({ err, channel, ts }, 'slack answer failed');
    // Once the answer's first part is out, a failed follow-up must not replace it with an error.
    if (firstPartOut) return;
    final = { text: FAILED };
    await editor.finish(FAILED);
  }
}

/** The thread so far, trimmed to the configured size; `cut` when anything was left out. */
async function contextOf(ctx: SlackAnswerContext, question: SlackQuestion): Promise<{ messages: ChatTurn['history']; cut: boolean }> {
  if (!question.threadTs) return { messages: [], cut: false };
  const { conversation } = ctx.app.config;
  let earlier: Awaited<ReturnType<typeof threadHistory>>;
  try {
    earlier = await threadHistory(ctx.client, question.channel, question.threadTs, question.ts, ctx.identity);
  } catch (err) {
    // Answering without context (and saying so) beats not answering.
    ctx.app.logger.warn({ err, channel: question.channel }, 'could not read the slack thread');
    earlier = { messages: [], incomplete: true };
  }
  const trimmed = trimHistory(earlier.messages, { maxMessages: conversation.historyMaxMessages, maxChars: conversation.historyMaxChars });
  return { messages: trimmed.history, cut: trimmed.truncated || earlier.incomplete };
}

/** What a streaming message shows: the part that will become its first message, marked unfinished. */
function preview(text: string): string {
  const room = SLACK_SECTION_LIMIT - CURSOR.length;
  return `${text.length <= room ? text : splitMessage(text, room)[0]!}${CURSOR}`;
}
