import type { Command, CommandContext, CommandReply } from './command.js';
import { abtestCommand } from './abtest.js';
import { optimizerCommand } from './optimizer.js';
import { pilotCommand } from './pilot.js';
import { routerCommand } from './router-stats.js';

/** Every slash command, once; each adapter translates these definitions to its platform. */
export const COMMANDS: readonly Command[] = [routerCommand, abtestCommand, optimizerCommand, pilotCommand];

/**
 * Runs a command by name for an adapter: unknown commands and non-admins asking for admin
 * commands get a clear answer, whatever the platform showed them.
 */
export async function runCommand(name: string, ctx: CommandContext, commands: readonly Command[] = COMMANDS): Promise<CommandReply> {
  const command = commands.find((c) => c.data.name === name);
  if (!command || !command.data.subcommands.some((s) => s.name === ctx.subcommand)) {
    return { title: 'Unknown command', lines: [`/${name} ${ctx.subcommand} is not a Switchboard command.`], ephemeral: true };
  }
  if (command.data.admin && !ctx.isAdmin) {
    return { title: 'Not allowed', lines: [`/${name} is for server admins only.`], ephemeral: true };
  }
  try {
    return await command.execute(ctx);
  } catch (error) {
    return { title: 'Something went wrong', lines: [`/${name} ${ctx.subcommand} failed: ${(error as Error).message}`], ephemeral: true };
  }
}
