import type { Content } from '@google/genai';
import type { ChatMessage } from '../chat-turn.js';

/** A conversation in the shape generateContent takes it. */
export interface GeminiPrompt {
  contents: Content[];
  systemInstruction?: Content;
}

/**
 * Gemini has no 'system' or 'assistant' turn: system text goes to the separate system instruction,
 * the assistant is 'model'. Consecutive turns of one role become one turn with several parts,
 * because the API expects user and model to alternate and each message stays a part of its own.
 */
export function toGeminiPrompt(messages: ChatMessage[]): GeminiPrompt {
  const system: Content = { parts: [] };
  const contents: Content[] = [];
  for (const message of messages) {
    if (message.role === 'system') {
      system.parts!.push({ text: message.content });
      continue;
    }
    const role = message.role === 'assistant' ? 'model' : 'user';
    const last = contents.at(-1);
    if (last?.role === role) last.parts!.push({ text: message.content });
    else contents.push({ role, parts: [{ text: message.content }] });
  }
  return system.parts!.length > 0 ? { contents, systemInstruction: system } : { contents };
}
