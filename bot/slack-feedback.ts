import type { App as BoltApp } from '@slack/bolt';
import { isAllowed } from './access.js';
import type { App } from './app.js';
import { parseFeedbackButtonId, reactionKind } from './feedback-controls.js';
import { FEEDBACK_ACTION_PATTERN } from './slack-blocks.js';

/**
 * 👍 / 👎 on answers become feedback on their decision: a button click carries the decision id in
 * its value; a +1 / -1 reaction finds it through the message → decision links. Members the access
 * lists exclude do not get to teach the router either.
 */
export function listenForFeedback(bolt: BoltApp, app: App): void {
  bolt.action({ type: 'block_actions', action_id: FEEDBACK_ACTION_PATTERN }, async ({ ack, body, action, respond }) => {
    // Slack shows the click as failed unless acknowledged within 3 s: first thing, always.
    await ack();
    if (action.type !== 'button') return;
    const parsed = parseFeedbackButtonId(action.value ?? '');
    const user = body.user.id;
    const channel = body.channel?.id ?? '';
    if (!parsed || !isAllowed({ user, roles: [], channel }, app.config.access)) return;
    const stored = app.closer.feedback({ decisionId: parsed.decisionId, kind: parsed.kind, source: 'button', user, createdAt: app.clock.now() });
    const text = !stored
      ? 'I could not find that answer any more, so this feedback was not recorded.'
      : parsed.kind === 'up' ? 'Thanks! Noted as helpful 👍' : 'Thanks! Noted as not helpful 👎';
    await respond({ response_type: 'ephemeral', replace_original: false, text }).catch((err: unknown) => {
      app.logger.warn({ err }, 'slack feedback confirmation failed');
    });
  });

  bolt.event('reaction_added', async ({ event, context }) => {
    const kind = reactionKind(event.reaction);
    if (!kind || event.item.type !== 'message' || event.user === context.botUserId) return;
    if (!isAllowed({ user: event.user, roles: [], channel: event.item.channel }, app.config.access)) return;
    const decisionId = app.store.decisionForMessage('slack', `${event.item.channel}:${event.item.ts}`);
    if (!decisionId) return;
    app.closer.feedback({ decisionId, kind, source: 'reaction', user: event.user, createdAt: app.clock.now() });
  });
}
