import type { Adapter, AdapterServices } from '../../bot/adapter.js';
import { createApp, type App } from '../../bot/app.js';
import { createDiscordAdapter } from '../../bot/discord.js';
import { COMMANDS } from '../../commands/registry.js';
import { loadConfig } from '../../config/index.js';
import type { Arm } from '../../router/arm.js';
import { systemClock, type Clock } from '../../router/clock.js';
import type { LanguageModel } from '../../router/providers/language-model.js';
import { createHttpServer, createLogger, createMetrics } from '../../telemetry/index.js';
import { APP_ID, FAKE_DISCORD_TOKEN, GUILD_ID, type ApiObject, type FakeDiscord } from './fake-discord.js';
import { until } from '../until.js';

export { until };

/** Real time (answers stream on real timers), moved forward on demand to close feedback windows. */
export class SkewedClock implements Clock {
  private skew = 0;
  now(): number {
    return Date.now() + this.skew;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return systemClock.sleep(ms, signal);
  }
  advance(ms: number): void {
    this.skew += ms;
  }
}

export function armOf(name: string, model: LanguageModel): Arm {
  return { name, model, price: { inputPerMillion: 0.15, outputPerMillion: 0.6 } };
}

export interface DiscordBot {
  app: App;
  adapter: Adapter;
  clock: SkewedClock;
  stop(): Promise<void>;
}

/**
 * The real adapter on a real App, pointed at a fake Discord: started (logged in, ready, commands
 * registered) when this resolves. Edits are paced at 200 ms so streaming shows within a test's time.
 */
export async function startDiscordBot(
  fake: FakeDiscord,
  options: { arms: Arm[]; env?: Record<string, string>; clock?: SkewedClock; onHistorySource?: AdapterServices['onHistorySource'] },
): Promise<DiscordBot> {
  const config = loadConfig({
    env: {
      DATABASE_PATH: ':memory:', FEEDBACK_WINDOW_SECONDS: '60', STREAM_EDIT_INTERVAL_MS: '200',
      DISCORD_TOKEN: FAKE_DISCORD_TOKEN, DISCORD_API_URL: fake.apiUrl, DISCORD_APP_ID: APP_ID, DISCORD_GUILD_ID: GUILD_ID,
      ...options.env,
    },
  });
  const clock = options.clock ?? new SkewedClock();
  const logger = createLogger({ level: 'silent', secrets: config.secrets });
  const metrics = createMetrics({ collectDefault: false });
  const app = createApp(config, { clock, logger, metrics, arms: options.arms, policySeed: 7 });
  const services: AdapterServices = {
    app, commands: COMMANDS, http: createHttpServer({ logger, metrics }),
    // As bot/main.ts wires it, unless the test wants the source itself.
    onHistorySource: options.onHistorySource ?? ((source) => app.pilot.addHistorySource(source)),
  };
  const adapter = createDiscordAdapter(services, { restRetries: 0 });
  try {
    await adapter.start();
  } catch (error) {
    app.close();
    throw error;
  }
  return {
    app, adapter, clock,
    async stop() {
      await adapter.stop();
      app.close();
    },
  };
}


/** Waits long enough for the bot to have reacted to an event, for tests asserting that it did nothing. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

/** The custom ids of a message's buttons, in order. */
export function buttonIds(message: ApiObject): string[] {
  const rows = (message['components'] as Array<{ components?: Array<{ custom_id?: string }> }> | undefined) ?? [];
  return rows.flatMap((row) => row.components ?? []).map((c) => c.custom_id ?? '');
}

/**
 * The bot's answer to `question` once it is complete: its reply and any follow-up pieces, the last
 * one carrying the buttons, every piece linked to the decision in the store.
 */
export async function answerOf(fake: FakeDiscord, app: App, question: ApiObject): Promise<{ pieces: ApiObject[]; decisionId: string }> {
  const reply = await until(() => fake.botMessages().find((m) => (m['message_reference'] as ApiObject | undefined)?.['message_id'] === question['id']), 'a reply');
  const decisionId = await until(() => app.store.decisionForMessage('discord', String(reply['id'])), 'the reply linked to a decision');
  const pieces = await until(() => {
    const after = fake.botMessages().filter((m) => m['channel_id'] === reply['channel_id'] && BigInt(String(m['id'])) >= BigInt(String(reply['id'])));
    const last = after.findIndex((m) => buttonIds(m).length > 0);
    const answer = last < 0 ? [] : after.slice(0, last + 1);
    return answer.length > 0 && answer.every((m) => app.store.decisionForMessage('discord', String(m['id'])) === decisionId) && answer;
  }, 'the complete answer');
  return { pieces, decisionId };
}
