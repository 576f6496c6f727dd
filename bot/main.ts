import { mkdirSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError, type Config } from '../config/index.js';
import { loadProcessConfig } from '../config/process-config.js';
import { createHttpServer, createLogger } from '../telemetry/index.js';
import { mountJsonApi } from '../api/json-api.js';
import { mountOptimizerApi } from '../api/optimizer-api.js';
import { mountPilotApi } from '../api/pilot-api.js';
import { COMMANDS } from '../commands/registry.js';
import { createApp, type App } from './app.js';
import { configuredPlatforms, createPlatformAdapters } from './platforms.js';
import { ConsoleAdapter } from './console.js';
import { ConsoleCommands } from './console-commands.js';
import { commandServices } from './command-services.js';

/** Process entry: load config, assemble, start the HTTP server and the adapters (DESIGN.md, bot/main.ts). */
async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  let config: Config;
  try {
    config = loadProcessConfig();
  } catch (error) {
    return refuse(error);
  }

  let platforms: Array<'discord' | 'slack'>;
  try {
    platforms = configuredPlatforms(config);
  } catch (error) {
    return refuse(error);
  }
  const onConsole = platforms.length === 0;
  // On the console, JSON logs would bury the chat: they go to a file beside the database instead.
  // With platforms, they go to stdout, where operators and log collectors expect them.
  const logFile = join(config.store.databasePath === ':memory:' ? 'data' : dirname(config.store.databasePath), 'switchboard.log');
  if (onConsole) mkdirSync(dirname(logFile), { recursive: true });
  const logger = createLogger({ level: config.log.level, secrets: config.secrets, destination: onConsole ? openSync(logFile, 'a') : 1 });
  let app: App;
  try {
    app = createApp(config, { logger });
  } catch (error) {
    return refuse(error);
  }
  const say = (line: string) => process.stderr.write(`${line}\n`);

  say(`Switchboard (${config.profile} profile) · logs: ${onConsole ? logFile : 'stdout'} · database: ${config.store.databasePath}`);
  if (app.simulated) {
    say(`No provider keys configured: answering with ${app.arms.length} simulated providers ` +
      `(${app.arms.map((a) => a.name).join(', ')}). Their answers are marked as simulated.`);
  } else {
    say(`Routing between ${app.arms.length} provider${app.arms.length === 1 ? '' : 's'}: ${app.arms.map((a) => a.name).join(', ')}.`);
  }
  for (const warning of app.warnings) say(`Warning: ${warning}`);
  say(onConsole ? 'No Discord or Slack tokens configured: chatting on the console.' : `Serving ${platforms.join(' and ')}.`);

  let ready = false;
  const http = createHttpServer({ logger, metrics: app.metrics, readiness: () => ready });
  mountJsonApi(http, app, config.http.apiToken);
  mountPilotApi(http, app, config.http.apiToken);
  mountOptimizerApi(http, app, config.http.apiToken);
  const adapters = createPlatformAdapters(platforms, {
    app, commands: COMMANDS, http, onHistorySource: (source) => app.pilot.addHistorySource(source),
  });
  try {
    const port = await http.listen(config.http.port, config.http.host);
    say(`Metrics and health: http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${port}/metrics`);
  } catch (error) {
    // Platforms need the server (Slack's events arrive on it, operators scrape it): that is fatal.
    // A second console session must still be able to chat: the first one keeps the port.
    if (!onConsole) throw new Error(`cannot listen on ${config.http.host}:${config.http.port}: ${(error as Error).message}`);
    say(`HTTP server not started (${(error as Error).message}); chatting without /metrics.`);
  }

  const closed = app.closer.closeDue();
  if (closed > 0) logger.info({ closed }, 'closed rewards left pending by the previous run');
  const sweep = setInterval(() => app.closer.closeDue(), 1000);
  sweep.unref();
  // The optimizer checks its canaries and whether a community is due for tuning once a minute.
  const tuning = setInterval(() => void app.optimizer.tick().catch((error: unknown) => logger.error({ err: error }, 'optimizer tick failed')), 60_000);
  tuning.unref();

  const shutdown = async () => {
    clearInterval(sweep);
    clearInterval(tuning);
    ready = false;
    await Promise.all(adapters.map((a) => a.stop().catch((error: unknown) => logger.error({ err: error, adapter: a.name }, 'adapter did not stop cleanly'))));
    await http.close().catch(() => undefined);
    app.close();
    logger.info('stopped');
  };
  process.once('SIGINT', () => void shutdown().then(() => process.exit(130)));
  process.once('SIGTERM', () => void shutdown().then(() => process.exit(143)));

  if (!onConsole) {
    for (const adapter of adapters) {
      await adapter.start();
      say(`${adapter.name} adapter started.`);
    }
    ready = true;
    // Serve until a signal arrives; the handlers above stop everything and exit.
    return new Promise<number>(() => undefined);
  }
  ready = true;

  const consoleAdapter = new ConsoleAdapter({
    router: app.router, closer: app.closer, clock: app.clock,
    input: process.stdin, output: process.stdout, notes: process.stderr,
    interactive: Boolean(process.stdin.isTTY) && !json, json,
    commands: new ConsoleCommands({
      commands: COMMANDS, services: commandServices(app),
      imageDir: config.store.databasePath === ':memory:' ? tmpdir() : dirname(config.store.databasePath),
    }),
  });
  await consoleAdapter.start();
  await shutdown();
  return 0;
}

function refuse(error: unknown): number {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`Switchboard cannot start: the configuration is not valid.\n${error.message}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Switchboard stopped on an unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
