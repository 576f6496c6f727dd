import { App as BoltApp, HTTPReceiver, webApi } from '@slack/bolt';
import { json } from '../telemetry/index.js';
import type { Adapter, AdapterServices } from './adapter.js';
import { listenForCommands } from './slack-commands.js';
import { listenForFeedback } from './slack-feedback.js';
import type { SlackIdentity } from './slack-history.js';
import { createSlackHistorySource, type SlackHistoryIdentity } from './slack-history-source.js';
import { boltLogger } from './slack-logger.js';
import { listenForMessages } from './slack-messages.js';

export type { SlackIdentity } from './slack-history.js';

export interface SlackAdapterOptions {
  /** The bot's ids in the workspace. When given, start() makes no auth.test call to learn them. */
  identity?: SlackIdentity;
}

/** Where Slack posts events, slash commands and interactivity in HTTP mode, on the bot's one HTTP server. */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * The Slack adapter, on Bolt. HTTP mode (no app token): Bolt's HTTPReceiver verifies every
 * request's signature (forged, unsigned or older than 5 minutes: 401, nothing processed) and is
 * mounted on the shared HTTP server at /slack/events instead of opening a port of its own.
 * Socket Mode (SLACK_APP_TOKEN set): Bolt connects out over a websocket and no route is mounted.
 */
export function createSlackAdapter(services: AdapterServices, options: SlackAdapterOptions = {}): Adapter {
  const { app, commands, http } = services;
  const { botToken, signingSecret, appToken, apiUrl } = app.config.slack;
  if (!botToken) throw new Error('SLACK_BOT_TOKEN is not set: the Slack adapter needs the bot token (xoxb-…).');
  if (!appToken && !signingSecret) {
    throw new Error('SLACK_SIGNING_SECRET is not set: HTTP mode needs it to verify requests (or set SLACK_APP_TOKEN for Socket Mode).');
  }
  const logger = boltLogger(app.logger);
  const clientOptions: webApi.WebClientOptions = {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    // The default retries for up to half an hour; a chat answer that late is worse than none.
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5000 },
  };
  // History reads get a WebClient of their own: on a 429 a WebClient pauses its whole request
  // queue for Retry-After, which must not hold up chat answers, and a background read can afford
  // to wait longer. rejectRateLimitedCalls stays off, so each 429 is waited out and retried.
  const historyClientOptions: webApi.WebClientOptions = {
    ...clientOptions,
    rejectRateLimitedCalls: false,
    retryConfig: { retries: 6, factor: 2, minTimeout: 500, maxTimeout: 30_000 },
  };
  let identity: SlackHistoryIdentity | undefined = options.identity;
  let bolt: BoltApp | undefined;
  let receiver: HTTPReceiver | undefined;
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>): Promise<void> => {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  };

  if (!appToken) {
    // Registered once (the server cannot unregister routes); it serves whichever receiver is running.
    http.route('POST', SLACK_EVENTS_PATH, (req, res) => {
      const current = receiver;
      if (!current) {
        json(res, 503, { error: 'the Slack adapter is not running' });
        return;
      }
      // Bolt answers (ack) on its own schedule; the route is done when the response is.
      return new Promise<void>((resolve) => {
        res.once('close', () => resolve());
        current.requestListener(req, res);
      });
    });
  }

  return {
    name: 'slack',

    async start() {
      if (bolt) return;
      identity ??= await whoAmI(botToken, clientOptions, app.logger);
      const known = identity;
      const httpReceiver = appToken ? undefined : new HTTPReceiver({ signingSecret: signingSecret!, endpoints: SLACK_EVENTS_PATH, logger });
      const created = new BoltApp({
        token: botToken, botId: known.botId, botUserId: known.botUserId, logger, clientOptions,
        // Conversation state would be a second, in-memory store beside ours; nothing here uses it.
        convoStore: false,
        ...(httpReceiver ? { receiver: httpReceiver } : { socketMode: true, appToken }),
      });
      created.error(async (error) => {
        app.logger.error({ err: error }, 'slack listener failed');
      });
      listenForMessages(created, { app, identity: () => known, track });
      listenForFeedback(created, app);
      listenForCommands(created, app, commands);
      if (!httpReceiver) await created.start();
      bolt = created;
      receiver = httpReceiver;
      app.logger.info({ mode: httpReceiver ? 'http' : 'socket', botUserId: known.botUserId }, 'slack adapter started');
      try {
        const historyClient = new webApi.WebClient(botToken, { ...historyClientOptions, logger });
        services.onHistorySource?.(createSlackHistorySource(historyClient, known));
      } catch (error) {
        // The pilot's ingest is an extra: chatting goes on without it.
        app.logger.error({ err: error }, 'handing over the Slack history source failed');
      }
    },

    async stop() {
      const running = bolt;
      bolt = undefined;
      receiver = undefined;
      // In HTTP mode Bolt's receiver never listened (the shared server is closed by its owner).
      if (running && appToken) await running.stop();
      // Answers being written finish first, so the store they write to is still open.
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** One auth.test at start-up: the bot's own user id, to spot its mentions and its messages in threads (and the workspace URL, for links). */
async function whoAmI(token: string, clientOptions: webApi.WebClientOptions, logger: AdapterServices['app']['logger']): Promise<SlackHistoryIdentity> {
  const result = await new webApi.WebClient(token, { ...clientOptions, logger: boltLogger(logger) }).auth.test();
  if (!result.user_id || !result.bot_id) throw new Error('Slack auth.test did not say who the bot is (no user_id / bot_id): is SLACK_BOT_TOKEN a bot token?');
  return { botId: result.bot_id, botUserId: result.user_id, ...(result.url ? { workspaceUrl: result.url } : {}) };
}
