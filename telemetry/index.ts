export { createLogger, messageTextField, REDACTED, type Logger, type LoggerOptions } from './logger.js';
export {
  createMetrics,
  PROVIDER_DURATION_BUCKETS,
  REWARD_BUCKETS,
  type Metrics,
  type MetricsOptions,
  type ProviderOutcome,
  type FeedbackKind,
  type TokenDirection,
} from './metrics.js';
export {
  createHttpServer,
  json,
  type HttpServer,
  type HttpServerOptions,
  type RouteContext,
  type RouteHandler,
} from './http-server.js';
