import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ChatMessage, ChatTurn } from '../router/chat-turn.js';
import type { Clock } from '../router/clock.js';
import type { RewardCloser } from '../router/reward-closer.js';
import type { Answer, NoAnswer, Router } from '../router/route.js';
import type { ConsoleCommands } from './console-commands.js';

export interface ConsoleOptions {
  router: Router;
  closer: RewardCloser;
  clock: Clock;
  input: Readable;
  output: Writable;
  /** Notes for the person at the terminal (provider, latency, cost): stderr, so stdout stays answers only. */
  notes: Writable;
  /** A person at a terminal: prompt, streamed answers and + / - ratings. Otherwise one message per line. */
  interactive: boolean;
  /** One JSON object per input line on stdout. */
  json: boolean;
  /** Slash commands (/router, /abtest) for the person at a terminal; a pipe sends every line to the router. */
  commands?: ConsoleCommands;
}

/** Earlier messages kept as the conversation's context. */
const HISTORY_MESSAGES = 20;
const HISTORY_CHARS = 8000;

/**
 * The zero-token adapter: a chat REPL on a terminal, a line filter on a pipe.
 * `start()` resolves when the input ends, after every line has been answered.
 */
export class ConsoleAdapter {
  private readonly history: ChatMessage[] = [];
  private lastDecision: string | null | undefined;
  private lastQuestion: string | undefined;

  constructor(private readonly options: ConsoleOptions) {}

  async start(): Promise<void> {
    const { input, output, interactive } = this.options;
    const lines = createInterface({ input, ...(interactive ? { output, prompt: 'you › ' } : {}), terminal: interactive });
    if (interactive) {
      const names = this.options.commands?.names() ?? [];
      const slashed = names.map((n) => `/${n}`);
      const commands = names.length ? `, ${[slashed.slice(0, -1).join(', '), slashed.at(-1)].filter(Boolean).join(' or ')} as on Slack` : '';
      this.note(`Chat with Switchboard. Rate the last answer with + (helpful) or - (not helpful), /retry for another answer${commands}; Ctrl-D quits.\n`);
      lines.prompt();
    }
    // Lines are handled one after another, in order, even when they arrive faster than answers.
    for await (const line of lines) {
      await this.handle(line);
      if (interactive) lines.prompt();
    }
  }

  private async handle(line: string): Promise<void> {
    const { json, interactive, output } = this.options;
    const text = line.trim();
    if (interactive && (text === '+' || text === '-')) return this.rate(text === '+' ? 'up' : 'down');
    if (interactive && text === '/retry') return this.regenerate();
    const command = interactive ? this.options.commands?.find(text) : undefined;
    if (command) {
      output.write(await this.options.commands!.run(command, text, this.options.clock.now()));
      return;
    }
    if (text === '') {
      if (json) output.write(`${JSON.stringify({ error: 'empty message', decisionId: null })}\n`);
      return;
    }
    return this.ask(text);
  }

  /** A regenerate is implicit feedback on the answer it replaces, then the same question asked again. */
  private async regenerate(): Promise<void> {
    if (!this.lastDecision || !this.lastQuestion) return this.note('Nothing to retry yet: ask something first.\n');
    this.options.closer.feedback({
      decisionId: this.lastDecision, kind: 'regenerate', source: 'console', user: 'console', createdAt: this.options.clock.now(),
    });
    // The replaced answer leaves the context: the question is asked as if for the first time.
    this.history.splice(-2, 2);
    return this.ask(this.lastQuestion);
  }

  private async ask(text: string): Promise<void> {
    const { json, interactive, output } = this.options;
    this.lastQuestion = text;
    const turn: ChatTurn = {
      platform: 'console', tenant: 'local', channel: 'console', user: 'console', text, history: [...this.history],
    };
    let streamed = false;
    const result = await this.options.router.route(turn, interactive && !json ? {
      text: (delta) => {
        streamed = true;
        output.write(delta);
      },
      restart: () => {
        if (streamed) output.write('\n[that provider failed; trying another]\n');
        streamed = false;
      },
    } : {});
    this.lastDecision = result.decisionId;
    if ('error' in result) return this.fail(result);
    this.remember(text, result.text);
    if (json) {
      const { text: answer, arm, latencyMs, costUsd, decisionId } = result;
      output.write(`${JSON.stringify({ text: answer, arm, latencyMs, costUsd, decisionId })}\n`);
    } else if (interactive) {
      output.write(`\n${describe(result)} · rate it: + or -\n`);
    } else {
      output.write(`${result.text}\n`);
      this.note(`${describe(result)}\n`);
    }
  }

  private fail(result: NoAnswer): void {
    if (this.options.json) this.options.output.write(`${JSON.stringify({ error: result.error, decisionId: result.decisionId })}\n`);
    else this.options.output.write(`${result.error}\n`);
  }

  private rate(kind: 'up' | 'down'): void {
    if (!this.lastDecision) return this.note('Nothing to rate yet: ask something first.\n');
    this.options.closer.feedback({
      decisionId: this.lastDecision, kind, source: 'console', user: 'console', createdAt: this.options.clock.now(),
    });
    this.note(kind === 'up' ? 'Noted: helpful 👍\n' : 'Noted: not helpful 👎\n');
  }

  private remember(question: string, answer: string): void {
    this.history.push({ role: 'user', content: question }, { role: 'assistant', content: answer });
    while (this.history.length > HISTORY_MESSAGES) this.history.shift();
    while (this.history.reduce((n, m) => n + m.content.length, 0) > HISTORY_CHARS && this.history.length > 2) {
      this.history.splice(0, 2);
    }
  }

  private note(text: string): void {
    (this.options.interactive ? this.options.output : this.options.notes).write(text);
  }
}

function describe(answer: Answer): string {
  const via = answer.fallbackFrom ? ` (after ${answer.fallbackFrom} failed)` : '';
  return `── ${answer.arm}${via} · ${Math.round(answer.latencyMs).toLocaleString('en-US')} ms · $${answer.costUsd.toFixed(5)}`;
}
