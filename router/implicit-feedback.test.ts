import { describe, expect, it } from 'vitest';
import { LastDecisions, saysPreviousAnswerWasWrong } from './implicit-feedback.js';

describe('saysPreviousAnswerWasWrong', () => {
  it('recognizes follow-ups that reject the answer', () => {
    for (const text of ['No, that\'s wrong', 'wrong', 'Incorrect, it is 391', "that's not right", 'This is wrong.', "you're wrong", 'nope, that is incorrect']) {
      expect(saysPreviousAnswerWasWrong(text), text).toBe(true);
    }
  });

  it('leaves ordinary follow-ups alone', () => {
    for (const text of ['no problem, thanks', 'what is wrong with my code?', 'Now do it in Rust', 'nothing else', 'is this right?']) {
      expect(saysPreviousAnswerWasWrong(text), text).toBe(false);
    }
  });
});

describe('LastDecisions', () => {
  it('remembers the last decision per conversation and member, within a window, and forgets the oldest', () => {
    const last = new LastDecisions(2);
    const a = LastDecisions.key({ tenant: 't', channel: 'c', user: 'a' });
    const b = LastDecisions.key({ tenant: 't', channel: 'c', thread: 'x', user: 'a' });
    const c = LastDecisions.key({ tenant: 't', channel: 'c', user: 'c' });
    last.set(a, 'd1', 100);
    last.set(b, 'd2', 200);
    expect(last.get(a, 50)).toBe('d1');
    expect(last.get(a, 150)).toBeUndefined();
    last.set(c, 'd3', 300);
    expect(last.get(a, 0)).toBeUndefined();
    expect(last.get(b, 0)).toBe('d2');
  });
});
