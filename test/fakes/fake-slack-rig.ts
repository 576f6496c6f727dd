import { join } from 'node:path';
import { createApp, type App } from '../../bot/app.js';
import { createSlackAdapter, SLACK_EVENTS_PATH } from '../../bot/slack.js';
import type { Adapter, AdapterServices } from '../../bot/adapter.js';
import { COMMANDS } from '../../commands/registry.js';
import { loadConfig } from '../../config/index.js';
import { VirtualClock } from '../../router/clock.js';
import { createHttpServer, createLogger, createMetrics, type HttpServer } from '../../telemetry/index.js';
import { FAKE_SLACK_IDENTITY, startFakeSlack, type FakeSlack } from './fake-slack.js';
import { StreamingModel } from './fake-slack-model.js';
import { SlackSender } from './fake-slack-signer.js';
import { until } from '../until.js';

export const SIGNING_SECRET = 'fake-signing-secret-0123456789';
export const ADMIN_USER = 'U0ADMIN';
export const BLOCKED_USER = 'U0BLOCKED';

export interface SlackRig {
  fake: FakeSlack;
  app: App;
  /** The app's clock: virtual, so a test can let a feedback window pass at once. */
  clock: VirtualClock;
  model: StreamingModel;
  http: HttpServer;
  adapter: Adapter;
  /** Posts signed requests to the bot's /slack/events. */
  slack: SlackSender;
  endpoint: string;
  close(): Promise<void>;
}

export interface RigOptions {
  dir: string;
  env?: Record<string, string>;
  /** Socket Mode instead of HTTP mode. */
  socketMode?: boolean;
  /** Leave the bot's identity to auth.test, as in production. */
  askIdentity?: boolean;
  onHistorySource?: AdapterServices['onHistorySource'];
}

/**
 * The real app (config from env, SQLite in `dir`, the real HTTP server on a free port) with the
 * Slack adapter pointed at a fake Slack, and one streaming test double as its only provider.
 */
export async function startSlackRig(options: RigOptions): Promise<SlackRig> {
  const fake = await startFakeSlack();
  const config = loadConfig({
    env: {
      SLACK_BOT_TOKEN: 'xoxb-fake-bot-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl,
      ...(options.socketMode ? { SLACK_APP_TOKEN: 'xapp-fake-app-token' } : {}),
      SLACK_ADMIN_USER_IDS: ADMIN_USER, BLOCKED_USERS: BLOCKED_USER,
      DATABASE_PATH: join(options.dir, 'switchboard.db'), STREAM_EDIT_INTERVAL_MS: '200', FEEDBACK_WINDOW_SECONDS: '60',
      ...options.env,
    },
  });
  const clock = new VirtualClock(Date.now());
  const model = new StreamingModel();
  const logger = createLogger({ level: 'silent', secrets: config.secrets });
  const app = createApp(config, {
    clock, logger, metrics: createMetrics({ collectDefault: false }), policySeed: 7,
    arms: [{ name: 'fake:streamer', model, price: { inputPerMillion: 1, outputPerMillion: 2 } }],
  });
  const http = createHttpServer({ logger, metrics: app.metrics });
  const adapter = createSlackAdapter(
    // As bot/main.ts wires it, unless the test wants the source itself.
    { app, commands: COMMANDS, http, onHistorySource: options.onHistorySource ?? ((source) => app.pilot.addHistorySource(source)) },
    options.askIdentity ? {} : { identity: { botId: FAKE_SLACK_IDENTITY.botId, botUserId: FAKE_SLACK_IDENTITY.botUserId } },
  );
  let port: number;
  try {
    port = await http.listen(0, '127.0.0.1');
    await adapter.start();
  } catch (error) {
    // A rig that failed to start is never returned, so nothing else would close what it opened.
    await adapter.stop().catch(() => undefined);
    await http.close().catch(() => undefined);
    await fake.close();
    app.close();
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`;
  return {
    fake, app, clock, model, http, adapter, endpoint, slack: new SlackSender(endpoint, SIGNING_SECRET),
    async close() {
      await adapter.stop();
      await http.close();
      await fake.close();
      app.close();
    },
  };
}

/** `until` with the description first, as the Slack tests read. */
export function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
  return until(probe, what, timeoutMs);
}
