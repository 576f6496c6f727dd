import type { Command } from '../commands/command.js';
import type { HistorySource } from '../pilot/types.js';
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
  /**
   * Given a way to read channel history through the adapter's client (for the pilot's ingest),
   * each time the adapter has started and its client is ready.
   */
  onHistorySource?: (source: HistorySource) => void;
}
