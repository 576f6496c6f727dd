import type { ExperimentEngine } from '../experiments/engine.js';
import type { AutoTuner } from '../optimizer/loop/auto-tuner.js';
import type { PilotService } from '../pilot/pilot-service.js';
import type { Store } from '../store/store.js';

/** An option of a slash command, as each platform will present it. */
export interface CommandOption {
  name: string;
  description: string;
  type: 'string' | 'integer' | 'boolean';
  required?: boolean;
  /** Allowed values, shown as a pick list where the platform can. */
  choices?: readonly string[];
}

export interface SubcommandDefinition {
  name: string;
  description: string;
  options: readonly CommandOption[];
}

/** What a command is: a top-level name with subcommands (`/router stats`). */
export interface CommandDefinition {
  name: string;
  description: string;
  /** Changes or reveals community-wide state: only admins may run it (checked server-side). */
  admin: boolean;
  subcommands: readonly SubcommandDefinition[];
}

/** What an adapter hands a command: who asked, where, with which options, and the app's services. */
export interface CommandContext {
  platform: 'discord' | 'slack' | 'console';
  tenant: string;
  channel: string;
  user: string;
  /** Decided by the adapter from the platform's own data (Discord: Manage Server or an admin role; Slack: admin user ids). */
  isAdmin: boolean;
  subcommand: string;
  options: Readonly<Record<string, string | number | boolean | undefined>>;
  services: CommandServices;
  now: number;
}

export interface CommandServices {
  store: Store;
  /** Absent where no router runs (then /abtest says so). */
  experiments?: ExperimentEngine;
  /** Absent where the optimizer does not run (then /optimizer says so). */
  optimizer?: AutoTuner;
  /** Absent where the pilot pipeline does not run (then /pilot says so). */
  pilot?: PilotService;
  /** Most messages `/pilot run` reads (PILOT_HISTORY_LIMIT). */
  pilotHistoryLimit?: number;
}

/**
 * A platform-neutral answer. Adapters render it: Discord as a message (tables in a code block,
 * within its 2,000 characters), Slack as blocks. `ephemeral` answers are shown to the asker only.
 */
export interface CommandReply {
  title: string;
  lines: string[];
  table?: { header: string[]; rows: string[][]; align?: Array<'left' | 'right'> };
  footer?: string;
  ephemeral?: boolean;
  /** A PNG to show with the text: a Discord attachment, a Slack file upload, a file on the console. */
  image?: { name: string; png: Uint8Array; alt: string };
}

export interface Command {
  data: CommandDefinition;
  execute(ctx: CommandContext): Promise<CommandReply>;
}
