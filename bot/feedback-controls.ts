/**
 * The one-click feedback controls on every answer. A button carries its decision id in its
 * custom id / action value, so a click on an answer from before a restart still finds its
 * decision without any lookup; reactions go through the message → decision links in the store.
 */
export const THUMBS_UP = '👍';
export const THUMBS_DOWN = '👎';

const PREFIX = 'sb:fb:';

export function feedbackButtonId(kind: 'up' | 'down', decisionId: string): string {
  return `${PREFIX}${kind}:${decisionId}`;
}

export function parseFeedbackButtonId(id: string): { kind: 'up' | 'down'; decisionId: string } | undefined {
  const m = /^sb:fb:(up|down):(.+)$/.exec(id);
  return m ? { kind: m[1] as 'up' | 'down', decisionId: m[2]! } : undefined;
}

/** 👍 / 👎 and their common aliases (Slack names reactions, Discord sends the emoji). */
export function reactionKind(emoji: string): 'up' | 'down' | undefined {
  if (['👍', '+1', 'thumbsup', 'thumbs_up'].includes(emoji) || emoji.startsWith('+1::') || emoji.startsWith('👍')) return 'up';
  if (['👎', '-1', 'thumbsdown', 'thumbs_down'].includes(emoji) || emoji.startsWith('-1::') || emoji.startsWith('👎')) return 'down';
  return undefined;
}
