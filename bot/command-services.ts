import type { CommandServices } from '../commands/command.js';
import type { App } from './app.js';

/** What slash commands may use, the same on every platform. */
export function commandServices(app: App): CommandServices {
  return {
    store: app.store, experiments: app.experiments, optimizer: app.optimizer, pilot: app.pilot, pilotHistoryLimit: app.config.pilot.historyLimit,
  };
}
