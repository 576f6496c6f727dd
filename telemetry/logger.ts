import { hostname } from 'node:os';
import { pino, stdSerializers, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Configured secret values (API keys, tokens…); each is scrubbed from every log line. */
  secrets: string[];
  /** Defaults to fd 2 (stderr) so stdout stays free for the console adapter's answers. */
  destination?: NodeJS.WritableStream | number;
  /** Extra fields on every line (merged over pid and hostname). */
  base?: object;
}

export const REDACTED = '[redacted]';

/**
 * Key names whose values are never logged, whatever they contain. Redaction by key catches
 * secrets that are not in the configured list (a user's token echoed back by an SDK, say).
 */
const SECRET_KEYS = [
  'apiKey',
  'api_key',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'Authorization',
  'password',
  'secret',
  'clientSecret',
  'signingSecret',
  'botToken',
  'appToken',
  'cookie',
  'x-api-key',
];

/**
 * pino's redaction has no recursive wildcard, so the same key is listed at each depth.
 * Depth 4 reaches e.g. `err.response.config.headers.authorization`; anything deeper is
 * still covered for configured secrets by the value scrubber below.
 */
const MAX_KEY_DEPTH = 4;

/** Secrets shorter than this would blank out ordinary words and numbers all over the log. */
const MIN_SECRET_LENGTH = 4;

function keyPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
}

export function redactPaths(keys: readonly string[] = SECRET_KEYS, maxDepth = MAX_KEY_DEPTH): string[] {
  const paths: string[] = [];
  for (const key of keys) {
    const leaf = keyPath(key);
    for (let depth = 0; depth <= maxDepth; depth += 1) {
      const prefix = '*.'.repeat(depth);
      paths.push(leaf.startsWith('[') ? `${prefix.slice(0, -1)}${leaf}` : `${prefix}${leaf}`);
    }
  }
  return paths;
}

/**
 * Builds a function that replaces every configured secret value in a serialized log line.
 * Works on the final JSON text so it also catches secrets inside error messages, stack
 * traces, URLs and plain message strings, which key-based redaction cannot see.
 */
export function secretScrubber(secrets: readonly string[]): (line: string) => string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    needles.add(secret);
    // A secret with quotes, backslashes or control characters appears escaped in JSON.
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) needles.add(escaped);
  }
  // Longest first, so a secret that contains a shorter one is removed whole.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (line) => line;
  return (line) => {
    let out = line;
    for (const needle of ordered) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    return out;
  };
}

function resolveDestination(destination: NodeJS.WritableStream | number | undefined): DestinationStream {
  if (destination === undefined) return pino.destination({ dest: 2, sync: true });
  if (typeof destination === 'number') return pino.destination({ dest: destination, sync: true });
  return destination as DestinationStream;
}

export function createLogger(opts: LoggerOptions): Logger {
  const scrub = secretScrubber(opts.secrets);
  return pino(
    {
      level: opts.level,
      base: { pid: process.pid, hostname: hostname(), ...opts.base },
      timestamp: stdTimeFunctions.isoTime,
      // Text labels ("info") read better in raw JSON logs than pino's numeric levels.
      formatters: { level: (label) => ({ level: label }) },
      // Errors under `error` would otherwise serialize as {} and lose the message.
      serializers: { err: stdSerializers.err, error: stdSerializers.err },
      redact: { paths: redactPaths(), censor: REDACTED },
      hooks: { streamWrite: scrub },
    },
    resolveDestination(opts.destination),
  );
}

/** Message text is logged only when the operator opted in; otherwise only its length. */
export function messageTextField(text: string, allowed: boolean): { text: string } | { textChars: number } {
  return allowed ? { text } : { textChars: text.length };
}
