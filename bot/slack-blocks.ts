import type { types } from '@slack/bolt';
import { feedbackButtonId, THUMBS_DOWN, THUMBS_UP } from './feedback-controls.js';

/** A section block's text may hold at most 3,000 characters; every answer message is one section. */
export const SLACK_SECTION_LIMIT = 3000;

export const FEEDBACK_ACTION_UP = 'switchboard_feedback_up';
export const FEEDBACK_ACTION_DOWN = 'switchboard_feedback_down';
export const FEEDBACK_ACTION_PATTERN = /^switchboard_feedback_(up|down)$/;

/**
 * The blocks of one answer message: its text as a mrkdwn section and, on the last message of an
 * answer, the 👍 / 👎 buttons. The button values carry the decision id, so a click needs no lookup.
 */
export function answerBlocks(text: string, feedbackFor?: string): types.KnownBlock[] {
  // Slack rejects a section with empty text, which a provider's whitespace-only delta would produce.
  const blocks: types.KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: text.trim() ? text : '…' } }];
  if (feedbackFor !== undefined) {
    blocks.push({
      type: 'actions',
      block_id: 'switchboard_feedback',
      elements: [
        { type: 'button', action_id: FEEDBACK_ACTION_UP, text: { type: 'plain_text', text: THUMBS_UP, emoji: true }, value: feedbackButtonId('up', feedbackFor) },
        { type: 'button', action_id: FEEDBACK_ACTION_DOWN, text: { type: 'plain_text', text: THUMBS_DOWN, emoji: true }, value: feedbackButtonId('down', feedbackFor) },
      ],
    });
  }
  return blocks;
}
