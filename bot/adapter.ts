import type { Command } from '../commands/command.js';
import type { HttpServer } from '../telemetry/index.js';
import type { App } from './app.js';

/** A chat platform adapter: translates both ways, nothing else (DESIGN.md, bot/). */
export interface Adapter {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What every adapter gets: the assembled app, the command registry, and the one HTTP server. */
export interface AdapterServices {
  app: App;
  commands: readonly Command[];
  http: HttpServer;
}
