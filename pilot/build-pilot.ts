import type { Config } from '../config/index.js';
import type { Clock } from '../router/clock.js';
import type { Router } from '../router/route.js';
import type { Store } from '../store/store.js';
import type { Logger, Metrics } from '../telemetry/index.js';
import { buildEmbedder } from './build-embedder.js';
import { PilotService } from './pilot-service.js';
import { retrievalContext } from './retrieval-context.js';

/** The app's pilot service and the router's retrieval hook over it, from the config. */
export function buildPilot(deps: {
  config: Config; store: Store; metrics: Metrics; logger: Logger; clock: Clock; analysisRouter: Router; newId: () => string;
}): { service: PilotService; retrieval: ReturnType<typeof retrievalContext> } {
  const { config } = deps;
  const provider = config.pilot.embedder === 'hashing' ? undefined : config.providers[config.pilot.embedder];
  const embedder = buildEmbedder({
    kind: config.pilot.embedder,
    ...(config.pilot.embeddingModel ? { model: config.pilot.embeddingModel } : {}),
    dimensions: config.pilot.embeddingDimensions,
    ...(provider?.apiKey ? { apiKey: provider.apiKey } : {}),
    ...(provider?.baseUrl ? { baseUrl: provider.baseUrl } : {}),
    ...(provider ? { timeoutMs: provider.timeoutMs } : {}),
  });
  const service = new PilotService({
    store: deps.store.pilot, config: config.pilot, embedder, metrics: deps.metrics.pilot, logger: deps.logger, clock: deps.clock,
    newId: deps.newId,
    summarize: async (turn) => {
      const answer = await deps.analysisRouter.route(turn);
      return 'arm' in answer ? { text: answer.text, arm: answer.arm } : null;
    },
  });
  const retrieval = retrievalContext((tenant, query, options) => service.retrieve(tenant, query, options), config.retrieval, deps.metrics.pilot);
  return { service, retrieval };
}
