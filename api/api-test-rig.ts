import { afterEach } from 'vitest';
import { createApp, type App, type AppOverrides } from '../bot/app.js';
import { loadConfig } from '../config/index.js';
import { simulatedArms } from '../router/build-arms.js';
import { VirtualClock } from '../router/clock.js';
import { createHttpServer, createLogger, createMetrics, type HttpServer } from '../telemetry/index.js';

/** The bearer token the API tests configure. */
export const TOKEN = 'api-token-for-tests-0123456789';

export interface ApiRig {
  app: App;
  clock: VirtualClock;
  /** Where the HTTP server listens on 127.0.0.1. */
  port: number;
}

export interface ApiRigOptions {
  env?: Record<string, string>;
  overrides?: AppOverrides;
  /** Mounts the API under test; `token` is TOKEN unless the test turned the API off. */
  mount: (http: HttpServer, app: App, token: string | undefined) => void;
  /** null: no API_TOKEN configured. */
  token?: string | null;
}

/**
 * Tests of the JSON API: an app on simulated providers and a virtual clock, behind its own HTTP
 * server on a free port. Everything a test opened is closed after it (runs in flight finish first).
 */
export function useApiRig(): (options: ApiRigOptions) => Promise<ApiRig> {
  const opened: Array<{ app: App; http: HttpServer }> = [];
  afterEach(async () => {
    for (const { app, http } of opened.splice(0)) {
      await http.close();
      await app.pilot.close();
      app.close();
    }
  });
  return async (options) => {
    const clock = new VirtualClock();
    const logger = createLogger({ level: 'silent', secrets: [] });
    const app = createApp(loadConfig({ env: { DATABASE_PATH: ':memory:', ...options.env } }), {
      clock, logger, metrics: createMetrics({ collectDefault: false }), arms: simulatedArms({ seed: 2, clock }), policySeed: 2, ...options.overrides,
    });
    const http = createHttpServer({ logger, metrics: app.metrics });
    opened.push({ app, http });
    options.mount(http, app, options.token === null ? undefined : options.token ?? TOKEN);
    return { app, clock, port: await http.listen(0, '127.0.0.1') };
  };
}
