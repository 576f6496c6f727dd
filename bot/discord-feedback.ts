import {
  ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags,
  type ButtonInteraction, type GuildMember, type MessageReaction, type PartialMessageReaction, type PartialUser, type User,
} from 'discord.js';
import type { Config } from '../config/index.js';
import type { Clock } from '../router/clock.js';
import type { RewardCloser } from '../router/reward-closer.js';
import type { Store } from '../store/store.js';
import { isAllowed } from './access.js';
import { feedbackButtonId, parseFeedbackButtonId, reactionKind, THUMBS_DOWN, THUMBS_UP } from './feedback-controls.js';

export interface DiscordFeedbackDeps {
  closer: RewardCloser;
  store: Store;
  clock: Clock;
  access: Config['access'];
}

/** The 👍 / 👎 row under an answer; the decision id rides in each custom id, so clicks need no lookup. */
export function feedbackButtons(decisionId: string): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(feedbackButtonId('up', decisionId)).setEmoji(THUMBS_UP).setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId(feedbackButtonId('down', decisionId)).setEmoji(THUMBS_DOWN).setStyle(ButtonStyle.Secondary),
  );
}

/**
 * A click on a feedback button: recorded for the decision in its custom id (answers from before a
 * restart included) and acknowledged to the clicker alone. False when the button is not ours.
 */
export async function handleFeedbackButton(interaction: ButtonInteraction, deps: DiscordFeedbackDeps): Promise<boolean> {
  const parsed = parseFeedbackButtonId(interaction.customId);
  if (!parsed) return false;
  const member = interaction.member;
  const roles = !member ? [] : Array.isArray(member.roles) ? member.roles : [...(member as GuildMember).roles.cache.keys()];
  const channel = interaction.channel;
  const allowed = isAllowed({
    user: interaction.user.id, roles, channel: interaction.channelId ?? '',
    ...(channel?.isThread() && channel.parentId ? { parentChannel: channel.parentId } : {}),
  }, deps.access);
  const recorded = allowed && deps.closer.feedback({
    decisionId: parsed.decisionId, kind: parsed.kind, source: 'button', user: interaction.user.id, createdAt: deps.clock.now(),
  });
  const content = recorded ? 'Thanks for the feedback!'
    : allowed ? 'Sorry, this answer can no longer be rated.' : 'Sorry, your feedback is not counted here.';
  await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  return true;
}

/**
 * A 👍 / 👎 reaction on one of the bot's answers. Partial reactions (on messages from before a
 * restart) need no fetch: the message id and the emoji are all the store lookup needs.
 */
export function handleFeedbackReaction(reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser, botId: string, deps: DiscordFeedbackDeps): boolean {
  // A partial user's `bot` is unknown (null): only a user known to be a bot is skipped.
  if (user.id === botId || user.bot === true) return false;
  const kind = reactionKind(reaction.emoji.name ?? '');
  if (!kind) return false;
  const decisionId = deps.store.decisionForMessage('discord', reaction.message.id);
  if (!decisionId) return false;
  const message = reaction.message;
  const member = message.guild?.members.cache.get(user.id);
  const channel = message.channel;
  const allowed = isAllowed({
    user: user.id, roles: member ? [...member.roles.cache.keys()] : [], channel: message.channelId,
    ...(channel.isThread() && channel.parentId ? { parentChannel: channel.parentId } : {}),
  }, deps.access);
  if (!allowed) return false;
  return deps.closer.feedback({ decisionId, kind, source: 'reaction', user: user.id, createdAt: deps.clock.now() });
}
