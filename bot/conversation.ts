import type { ChatMessage } from '../router/chat-turn.js';
import type { Clock } from '../router/clock.js';

/**
 * Platform-neutral conversation helpers the Discord and Slack adapters share: trimming history to
 * the configured size, splitting long answers at the platform's limit, and throttling streamed edits.
 */

export interface HistoryLimits {
  maxMessages: number;
  maxChars: number;
}

/** Keeps the most recent messages within both limits; says whether anything was cut. */
export function trimHistory(messages: ChatMessage[], limits: HistoryLimits): { history: ChatMessage[]; truncated: boolean } {
  const kept: ChatMessage[] = [];
  let chars = 0;
  for (let i = messages.length - 1; i >= 0 && kept.length < limits.maxMessages; i--) {
    const m = messages[i]!;
    if (chars + m.content.length > limits.maxChars) break;
    chars += m.content.length;
    kept.unshift(m);
  }
  return { history: kept, truncated: kept.length < messages.length };
}

export const HISTORY_CUT_NOTE = '_(earlier messages of this conversation were left out: it is longer than I keep)_';

/**
 * Splits text into pieces of at most `limit` characters without breaking words, preferring
 * paragraph, then line, then word boundaries. A code block that has to be split is closed at the
 * end of one piece and reopened (with its language) at the start of the next, so every piece renders.
 */
export function splitMessage(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const pieces: string[] = [];
  let rest = text;
  let reopen = '';
  while (rest.length > 0) {
    const budget = limit - reopen.length;
    if (reopen.length + rest.length <= limit) {
      pieces.push(reopen + rest);
      break;
    }
    // Leave room to close a code block that is open at the cut.
    const cut = bestCut(rest, budget - 4);
    let piece = rest.slice(0, cut).replace(/\s+$/, '');
    const fence = openFence(reopen + piece);
    if (fence !== null) piece = `${piece}\n\`\`\``;
    pieces.push(reopen + piece);
    // Only the line breaks at the cut go: the next line's indentation is code, and it stays.
    rest = rest.slice(cut).replace(/^\n+/, '');
    reopen = fence !== null ? `\`\`\`${fence}\n` : '';
  }
  return pieces.filter((p) => p.trim().length > 0);
}

/** The language tag of a code block left open at the end of `text`, or null when none is open. */
function openFence(text: string): string | null {
  let open: string | null = null;
  for (const match of text.matchAll(/^```([^\n`]*)$/gm)) open = open === null ? match[1]!.trim() : null;
  return open;
}

function bestCut(text: string, max: number): number {
  if (text.length <= max) return text.length;
  const window = text.slice(0, max + 1);
  for (const boundary of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(boundary);
    if (at > max / 2) return at + boundary.length;
  }
  // One word longer than half the limit (a URL, a hash): cut it, there is no better place.
  return max;
}

/**
 * Streams an answer into a platform message by editing it no more often than `intervalMs`
 * (platforms rate-limit edits: Discord allows about 5 per 5 s, Slack about 1 per second).
 * `update` may be called on every token; only the latest text is sent when the interval allows.
 */
export class ThrottledEditor {
  private latest = '';
  private sent = '';
  private lastEdit = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly edit: (text: string) => Promise<void>,
    private readonly intervalMs: number,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  update(text: string): void {
    this.latest = text;
    if (this.timer) return;
    const wait = Math.max(0, this.lastEdit + this.intervalMs - this.clock.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  /** Sends the final text as soon as the interval allows (after any edit in flight), then stops. */
  async finish(text: string): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.latest = text;
    await this.inFlight;
    if (this.latest === this.sent) return;
    const wait = this.lastEdit + this.intervalMs - this.clock.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await this.send(this.latest);
  }

  private flush(): void {
    if (this.latest === this.sent) return;
    this.inFlight = this.inFlight.then(() => this.send(this.latest));
  }

  private async send(text: string): Promise<void> {
    this.sent = text;
    this.lastEdit = this.clock.now();
    await this.edit(text).catch(() => undefined);
  }
}
