import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.js';

describe('CircuitBreaker', () => {
  const make = () => {
    let now = 0;
    const changes: Array<[string, CircuitState]> = [];
    const breaker = new CircuitBreaker({
      failureThreshold: 3, cooldownMs: 1000, maxCooldownMs: 4000, now: () => now, onChange: (a, s) => changes.push([a, s]),
    });
    return { breaker, changes, advance: (ms: number) => (now += ms) };
  };

  it('opens after consecutive failures, probes once after the cooldown, and closes on success', () => {
    const { breaker, changes, advance } = make();
    breaker.failure('a');
    breaker.failure('a');
    breaker.success('a');
    breaker.failure('a');
    breaker.failure('a');
    expect(breaker.state('a')).toBe('closed');
    breaker.failure('a');
    expect(breaker.state('a')).toBe('open');
    expect(breaker.available('a')).toBe(false);
    advance(1000);
    expect(breaker.state('a')).toBe('half-open');
    expect(breaker.available('a')).toBe(true);
    breaker.begin('a');
    expect(breaker.available('a')).toBe(false);
    breaker.success('a');
    expect(breaker.state('a')).toBe('closed');
    expect(changes).toEqual([['a', 'open'], ['a', 'closed']]);
  });

  it('re-opens for twice as long when the probe fails, up to the maximum', () => {
    const { breaker, advance } = make();
    for (let i = 0; i < 3; i++) breaker.failure('a');
    for (const cooldown of [2000, 4000, 4000]) {
      advance(cooldown / 2 >= 1000 ? cooldown / 2 : 1000);
      advance(cooldown);
      breaker.begin('a');
      breaker.failure('a');
      expect(breaker.state('a')).toBe('open');
      advance(cooldown - 1);
      expect(breaker.state('a')).toBe('open');
      advance(1);
      expect(breaker.state('a')).toBe('half-open');
    }
  });
});
