import type { App as BoltApp } from '@slack/bolt';
import type { Command, CommandReply } from '../commands/command.js';
import { runCommand } from '../commands/registry.js';
import { renderReplyText } from '../commands/render-text.js';
import type { App } from './app.js';
import { commandServices } from './command-services.js';
import { parseCommandText } from './slack-command-text.js';

const SLACK_MARKUP = { bold: (s: string) => `*${s}*`, code: (s: string) => `\`\`\`${s}\`\`\`` };

/**
 * Every command becomes a Slack slash command (`/router stats 7d`). Admin rights come from the
 * configured admin user ids, checked here on the server: Slack itself lets anyone run any command.
 */
export function listenForCommands(bolt: BoltApp, app: App, commands: readonly Command[]): void {
  for (const command of commands) {
    bolt.command(`/${command.data.name}`, async ({ command: payload, ack, respond, client }) => {
      // Slack shows "operation_timeout" unless acknowledged within 3 s; the answer follows via response_url.
      await ack();
      const parsed = parseCommandText(payload.text ?? '', command.data);
      let reply: CommandReply;
      if (!parsed.ok) {
        reply = parsed.reply;
      } else {
        reply = await runCommand(command.data.name, {
          platform: 'slack', tenant: payload.team_id, channel: payload.channel_id, user: payload.user_id,
          isAdmin: app.config.slack.adminUserIds.includes(payload.user_id),
          subcommand: parsed.subcommand, options: parsed.options, services: commandServices(app), now: app.clock.now(),
        }, commands);
      }
      await respond({ response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', text: renderReplyText(reply, SLACK_MARKUP) });
      if (!reply.image) return;
      // Slack has no ephemeral files: the chart is shared in the channel the command was run in.
      try {
        await client.files.uploadV2({
          channel_id: payload.channel_id, file: Buffer.from(reply.image.png), filename: reply.image.name, alt_text: reply.image.alt, title: reply.title,
        });
      } catch (error) {
        // The text answer stands on its own; a missing scope or channel membership only costs the picture.
        app.logger.warn({ err: error, command: command.data.name }, 'could not upload the reply image to Slack');
        await respond({ response_type: 'ephemeral', text: `(The chart could not be posted here: ${(error as Error).message})` });
      }
    });
  }
}
