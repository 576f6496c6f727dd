import type { App as BoltApp, webApi } from '@slack/bolt';
import { isAllowed } from './access.js';
import type { App } from './app.js';
import { answerInThread, botAnsweredInThread, type SlackQuestion } from './slack-answer.js';
import type { SlackIdentity } from './slack-history.js';

export interface SlackMessageDeps {
  app: App;
  identity: () => SlackIdentity;
  /** Keeps the answer's promise so stop() can wait for answers being written. */
  track: (work: Promise<void>) => Promise<void>;
}

/** How many recently answered messages are remembered to answer each only once. */
const SEEN_LIMIT = 2000;

/**
 * What the bot answers:
 * - an @mention anywhere (app_mention, or a message event that mentions it);
 * - every message in a DM with it (channel_type 'im');
 * - a reply in a thread the bot has already answered in (a thread link in the store, so it
 *   survives restarts and costs no conversations.replies call per message in the workspace).
 * Never messages from bots (bot_id) or with a subtype (edits, joins, bot_message…), nor from
 * members or channels the access lists exclude. A mention arrives twice when the app subscribes
 * to both app_mention and message events, and Slack retries slow deliveries: each message is
 * answered once.
 */
export function listenForMessages(bolt: BoltApp, deps: SlackMessageDeps): void {
  const seen = new Set<string>();
  const firstTime = (key: string): boolean => {
    if (seen.has(key)) return false;
    seen.add(key);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string);
    return true;
  };

  const answer = async (question: SlackQuestion, client: webApi.WebClient): Promise<void> => {
    const { app } = deps;
    if (!isAllowed({ user: question.user, roles: [], channel: question.channel }, app.config.access)) {
      app.logger.debug({ user: question.user, channel: question.channel }, 'slack message not answered: access lists');
      return;
    }
    if (!firstTime(`${question.channel}:${question.ts}`)) return;
    await deps.track(answerInThread({ app, client, identity: deps.identity() }, question));
  };

  bolt.event('app_mention', async ({ event, body, context, client }) => {
    if (event.bot_id || event.subtype || !event.user) return;
    const team = context.teamId ?? body.team_id;
    await answer({
      team, channel: event.channel, user: event.user, text: event.text, ts: event.ts,
      ...(event.thread_ts && event.thread_ts !== event.ts ? { threadTs: event.thread_ts } : {}),
    }, client);
  });

  bolt.event('message', async ({ event, body, context, client }) => {
    if (event.subtype !== undefined || event.bot_id || !event.user) return;
    const text = event.text ?? '';
    const inThread = event.thread_ts !== undefined && event.thread_ts !== event.ts;
    const { botUserId } = deps.identity();
    const addressed = event.channel_type === 'im' || text.includes(`<@${botUserId}>`) || text.includes(`<@${botUserId}|`)
      || (inThread && botAnsweredInThread(deps.app.store, event.channel, event.thread_ts!));
    if (!addressed) return;
    await answer({
      team: context.teamId ?? body.team_id, channel: event.channel, user: event.user, text, ts: event.ts,
      ...(inThread ? { threadTs: event.thread_ts! } : {}),
    }, client);
  });
}
