import { describe, expect, it } from 'vitest';
import { ThrottledEditor, splitMessage, trimHistory } from './conversation.js';
import { feedbackButtonId, parseFeedbackButtonId, reactionKind } from './feedback-controls.js';

describe('splitMessage', () => {
  it('keeps short text whole', () => {
    expect(splitMessage('hello', 2000)).toEqual(['hello']);
  });

  it('splits 5,000 characters of prose at word boundaries, every piece within the limit', () => {
    const words = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ');
    const pieces = splitMessage(words, 2000);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(2000);
    expect(pieces.join(' ')).toBe(words);
  });

  it('closes and reopens a code block that has to be split, with its language', () => {
    const code = Array.from({ length: 200 }, (_, i) => `const value${i} = compute(${i}); // step ${i}`).join('\n');
    const text = `Here you go:\n\n\`\`\`ts\n${code}\n\`\`\`\nDone.`;
    const pieces = splitMessage(text, 2000);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(2000);
      expect((p.match(/^```/gm) ?? []).length % 2).toBe(0);
    }
    expect(pieces[1]!.startsWith('```ts\n')).toBe(true);
    const lines = pieces.join('\n').split('\n').filter((l) => l.startsWith('const value'));
    expect(lines).toHaveLength(200);
  });

  it('keeps the indentation of code lines that start a piece', () => {
    const code = Array.from({ length: 120 }, (_, i) => `    x_${i} = f(${i})  # indented python line`).join('\n');
    const pieces = splitMessage(`\`\`\`python\ndef g():\n${code}\n\`\`\``, 1000);
    const lines = pieces.join('\n').split('\n').filter((l) => l.includes('x_'));
    expect(lines).toHaveLength(120);
    for (const line of lines) expect(line.startsWith('    x_')).toBe(true);
  });
});

describe('trimHistory', () => {
  it('keeps the most recent messages within both limits and says when it cut', () => {
    const m = (content: string) => ({ role: 'user' as const, content });
    expect(trimHistory([m('a'), m('bb'), m('ccc')], { maxMessages: 2, maxChars: 100 })).toEqual({ history: [m('bb'), m('ccc')], truncated: true });
    expect(trimHistory([m('aaaa'), m('bb'), m('ccc')], { maxMessages: 10, maxChars: 5 })).toEqual({ history: [m('bb'), m('ccc')], truncated: true });
    expect(trimHistory([m('a')], { maxMessages: 10, maxChars: 5 })).toEqual({ history: [m('a')], truncated: false });
  });
});

describe('ThrottledEditor', () => {
  it('sends at most one edit per interval and always ends on the final text', async () => {
    const sent: Array<[number, string]> = [];
    const started = Date.now();
    const editor = new ThrottledEditor(async (t) => void sent.push([Date.now() - started, t]), 100, { now: () => Date.now() });
    for (let i = 1; i <= 30; i++) {
      editor.update('x'.repeat(i));
      await new Promise((r) => setTimeout(r, 10));
    }
    await editor.finish('final');
    expect(sent.at(-1)![1]).toBe('final');
    for (let i = 1; i < sent.length; i++) expect(sent[i]![0] - sent[i - 1]![0]).toBeGreaterThanOrEqual(90);
    expect(sent.length).toBeLessThanOrEqual(5);
  });
});

describe('feedback controls', () => {
  it('round-trips the decision id through a button id and recognizes thumbs reactions', () => {
    expect(parseFeedbackButtonId(feedbackButtonId('down', 'abc-123'))).toEqual({ kind: 'down', decisionId: 'abc-123' });
    expect(parseFeedbackButtonId('something-else')).toBeUndefined();
    expect([reactionKind('👍'), reactionKind('+1'), reactionKind('-1::skin-tone-2'), reactionKind('tada')]).toEqual(['up', 'up', 'down', undefined]);
  });
});
