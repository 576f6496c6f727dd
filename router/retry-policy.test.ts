import { describe, expect, it } from 'vitest';
import { ProviderError } from './providers/language-model.js';
import { retryDelayMs } from './retry-policy.js';

const options = { maxRetries: 2, baseDelayMs: 200, maxDelayMs: 5000 };
const error = (init: Partial<ConstructorParameters<typeof ProviderError>[0]>) =>
  new ProviderError({ provider: 'p', message: 'x', kind: 'server', retryable: true, ...init });

describe('retryDelayMs', () => {
  it('backs off exponentially with jitter, then stops', () => {
    expect(retryDelayMs(error({}), 0, options, () => 1)).toBe(200);
    expect(retryDelayMs(error({}), 1, options, () => 0)).toBe(200);
    expect(retryDelayMs(error({}), 1, options, () => 1)).toBe(400);
    expect(retryDelayMs(error({}), 2, options, () => 1)).toBeNull();
  });

  it('honours retry-after, and falls back instead of waiting too long', () => {
    expect(retryDelayMs(error({ kind: 'rate_limit', retryAfter: 3 }), 0, options, () => 0)).toBe(3000);
    expect(retryDelayMs(error({ kind: 'rate_limit', retryAfter: 30 }), 0, options, () => 0)).toBeNull();
  });

  it('never retries what is not retryable', () => {
    expect(retryDelayMs(error({ kind: 'client', retryable: false }), 0, options, () => 0)).toBeNull();
  });
});
