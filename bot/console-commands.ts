import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command, CommandServices } from '../commands/command.js';
import { runCommand } from '../commands/registry.js';
import { renderReplyText } from '../commands/render-text.js';
import { parseCommandText } from './slack-command-text.js';

export interface ConsoleCommandOptions {
  commands: readonly Command[];
  services: CommandServices;
  /** Where reply images are written (beside the database, or the OS temp dir for an in-memory one). */
  imageDir: string;
}

/** The console's tenant: what its chat turns are routed and counted under. */
const TENANT = 'local';

/**
 * Slash commands typed at the console (`/abtest status cheap`), in the same free-text form as on
 * Slack. The person at the terminal runs the bot, so they are its admin. Images cannot be shown
 * in a terminal: they are written to a file whose path is printed.
 */
export class ConsoleCommands {
  constructor(private readonly options: ConsoleCommandOptions) {}

  names(): string[] {
    return this.options.commands.map((c) => c.data.name);
  }

  /** The command a line names, if it names one of ours. */
  find(line: string): Command | undefined {
    const name = /^\/([a-z][\w-]*)(\s|$)/i.exec(line.trim())?.[1]?.toLowerCase();
    return this.options.commands.find((c) => c.data.name === name);
  }

  /** Runs the line as `command`; resolves to what the terminal should show. */
  async run(command: Command, line: string, now: number): Promise<string> {
    const text = line.trim().slice(command.data.name.length + 1);
    const parsed = parseCommandText(text, command.data);
    const reply = parsed.ok
      ? await runCommand(command.data.name, {
        platform: 'console', tenant: TENANT, channel: 'console', user: 'console', isAdmin: true,
        subcommand: parsed.subcommand, options: parsed.options, services: this.options.services, now,
      }, this.options.commands)
      : parsed.reply;
    const shown = renderReplyText(reply, { bold: (s) => s, code: (s) => s });
    if (!reply.image) return `${shown}\n`;
    mkdirSync(this.options.imageDir, { recursive: true });
    // basename: an image name comes from user input (the experiment name) and must not leave the directory.
    const path = join(this.options.imageDir, basename(reply.image.name));
    writeFileSync(path, reply.image.png);
    return `${shown}\nChart (${reply.image.alt}): ${path}\n`;
  }
}
