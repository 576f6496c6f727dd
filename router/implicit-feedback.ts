/**
 * Implicit feedback from what a member writes next. A follow-up that opens by saying the answer
 * was wrong ("no, that's wrong", "incorrect", "that's not right") counts against the answer it
 * follows, as long as it comes within the feedback window. Deliberately narrow: "no" followed
 * by a new question is usually just a new question, so only the explicit openings count.
 */
const VERDICT = String.raw`(?:wrong|incorrect|not (?:right|correct|true))`;
const WRONG = new RegExp(
  String.raw`^\s*(?:(?:no+|nope)[,.!]?\s+(?:(?:that|it|this)(?:'?s| is)\s+)?${VERDICT}\b|wrong\b|incorrect\b|(?:that|this|it)(?:'?s| is) ${VERDICT}|you'?re wrong|not (?:right|correct)\b)`,
  'i',
);

export function saysPreviousAnswerWasWrong(text: string): boolean {
  return WRONG.test(text);
}

/** The last answered decision per conversation and member, bounded so memory stays flat. */
export class LastDecisions {
  private readonly entries = new Map<string, { decisionId: string; at: number }>();

  constructor(private readonly capacity = 10_000) {}

  static key(turn: { tenant: string; channel: string; thread?: string; user: string }): string {
    return `${turn.tenant}\u0000${turn.channel}\u0000${turn.thread ?? ''}\u0000${turn.user}`;
  }

  get(key: string, notBefore: number): string | undefined {
    const entry = this.entries.get(key);
    return entry && entry.at >= notBefore ? entry.decisionId : undefined;
  }

  set(key: string, decisionId: string, at: number): void {
    this.entries.delete(key);
    this.entries.set(key, { decisionId, at });
    // Maps iterate in insertion order: the first key is the least recently answered.
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
