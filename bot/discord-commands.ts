import {
  ApplicationCommandOptionType, ApplicationCommandType, AttachmentBuilder, MessageFlags, PermissionFlagsBits, Routes,
  type ChatInputCommandInteraction, type CommandInteractionOption, type GuildMember, type REST,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, CommandContext, CommandDefinition, CommandOption, CommandReply, CommandServices } from '../commands/command.js';
import { runCommand } from '../commands/registry.js';
import { renderReplyText } from '../commands/render-text.js';
import type { Clock } from '../router/clock.js';
import { splitMessage } from './conversation.js';

const OPTION_TYPES = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
} as const;

// Discord refuses descriptions over 100 characters; a long one must not cost every command its registration.
const description = (text: string) => (text.length <= 100 ? text : `${text.slice(0, 99)}…`);

function optionJson(option: CommandOption) {
  const choices = option.type === 'boolean' ? undefined : option.choices?.map((c) => ({ name: c, value: option.type === 'integer' ? Number(c) : c }));
  return {
    type: OPTION_TYPES[option.type], name: option.name, description: description(option.description), required: option.required ?? false,
    ...(choices?.length ? { choices } : {}),
  };
}

/**
 * A platform-neutral definition as a Discord chat-input command: each subcommand a type-1 option.
 * Admin commands are hidden from members without Manage Server and from DMs; that is only what
 * Discord shows, so the handler still checks every invocation itself.
 */
export function discordCommandJson(definition: CommandDefinition): RESTPutAPIApplicationCommandsJSONBody[number] {
  return {
    type: ApplicationCommandType.ChatInput,
    name: definition.name,
    description: description(definition.description),
    ...(definition.admin ? { default_member_permissions: PermissionFlagsBits.ManageGuild.toString(), dm_permission: false } : {}),
    options: definition.subcommands.map((s) => ({
      type: ApplicationCommandOptionType.Subcommand, name: s.name, description: description(s.description), options: s.options.map(optionJson),
    })),
  } as RESTPutAPIApplicationCommandsJSONBody[number];
}

/** One bulk overwrite: in a guild when one is configured (applies at once), else globally. */
export async function registerDiscordCommands(rest: REST, appId: string, guildId: string | undefined, commands: readonly Command[]): Promise<void> {
  const body = commands.map((c) => discordCommandJson(c.data));
  await rest.put(guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId), { body });
}

/** Manage Server (Administrator implies it) or one of the configured admin roles. */
export function isDiscordAdmin(interaction: ChatInputCommandInteraction, adminRoleIds: readonly string[]): boolean {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const member = interaction.member;
  if (!member) return false;
  const roles = Array.isArray(member.roles) ? member.roles : [...(member as GuildMember).roles.cache.keys()];
  return roles.some((r) => adminRoleIds.includes(r));
}

/** The invocation's option values, whatever subcommand (group) they sit under. */
function optionValues(options: readonly CommandInteractionOption[]): Record<string, string | number | boolean | undefined> {
  const values: Record<string, string | number | boolean | undefined> = {};
  for (const option of options) {
    if (option.options) Object.assign(values, optionValues(option.options));
    else if (option.value !== undefined && option.value !== null) values[option.name] = option.value;
  }
  return values;
}

export interface DiscordCommandDeps {
  commands: readonly Command[];
  services: CommandServices;
  clock: Clock;
  adminRoleIds: readonly string[];
}

/**
 * Runs a slash command. The reply is deferred first, so a slow command never outlives Discord's
 * 3 seconds: ephemerally for admin commands (their answers are for the admin) and unknown ones.
 */
export async function handleSlashCommand(interaction: ChatInputCommandInteraction, deps: DiscordCommandDeps): Promise<void> {
  const command = deps.commands.find((c) => c.data.name === interaction.commandName);
  const ephemeral = !command || command.data.admin;
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  const ctx: CommandContext = {
    platform: 'discord',
    tenant: interaction.guildId ?? `dm:${interaction.user.id}`,
    channel: interaction.channelId,
    user: interaction.user.id,
    isAdmin: isDiscordAdmin(interaction, deps.adminRoleIds),
    subcommand: interaction.options.getSubcommand(false) ?? '',
    options: optionValues(interaction.options.data),
    services: deps.services,
    now: deps.clock.now(),
  };
  const reply = await runCommand(interaction.commandName, ctx, deps.commands);
  const content = fitMessage(renderReplyText(reply, { bold: (s) => `**${s}**`, code: (s) => '```\n' + s + '\n```' }));
  const files = reply.image ? [attachment(reply.image)] : [];
  if (reply.ephemeral && !ephemeral) {
    // Deferred in public, but this answer is for the asker alone: replace the public "thinking…".
    await interaction.deleteReply();
    await interaction.followUp({ content, files, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return;
  }
  await interaction.editReply({ content, files, allowedMentions: { parse: [] } });
}

/** The description is the image's alt text in Discord's clients. */
function attachment(image: NonNullable<CommandReply['image']>): AttachmentBuilder {
  const bytes = Buffer.from(image.png.buffer, image.png.byteOffset, image.png.byteLength);
  return new AttachmentBuilder(bytes, { name: image.name, description: image.alt.slice(0, 1024) });
}

/** Within one message; a code block cut short is closed, and the cut is marked. */
function fitMessage(text: string): string {
  return text.length <= 2000 ? text : `${splitMessage(text, 1990)[0]!}\n…`;
}
