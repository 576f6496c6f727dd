/** One message of a conversation, oldest first, as every provider receives it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type Platform = 'console' | 'discord' | 'slack' | 'simulation';

/** What every adapter emits for one incoming member message (DESIGN.md, step 1). */
export interface ChatTurn {
  platform: Platform;
  /** Guild id, Slack workspace id, or 'local' for the console. */
  tenant: string;
  channel: string;
  thread?: string;
  user: string;
  text: string;
  /** Earlier messages of the conversation, oldest first, without `text` itself. */
  history: ChatMessage[];
  /** The platform message id this turn replies to, if any. */
  replyTo?: string;
}
