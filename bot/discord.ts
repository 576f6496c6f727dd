import { Client, Events, GatewayIntentBits, Partials, type ClientOptions, type Interaction, type Message } from 'discord.js';
import type { Adapter, AdapterServices } from './adapter.js';
import { isAllowed } from './access.js';
import { answerMessage } from './discord-answer.js';
import { handleSlashCommand, registerDiscordCommands } from './discord-commands.js';
import { commandServices } from './command-services.js';
import { accessSubject, buildTurn, isAddressedToBot } from './discord-conversation.js';
import { handleFeedbackButton, handleFeedbackReaction, type DiscordFeedbackDeps } from './discord-feedback.js';
import { createDiscordHistorySource } from './discord-history-source.js';

export interface DiscordAdapterOptions {
  /** REST retries on 5xx and network errors; discord.js's default (3) unless given. Tests pass 0. */
  restRetries?: number;
}

/**
 * discord.js wants the API base without the version (it appends /v10); a configured URL that
 * already ends in a version, or a slash, would otherwise double it.
 */
export function discordApiBase(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

/**
 * The Discord adapter (DESIGN.md, bot/): members' messages to the router and its streamed answers
 * back, 👍 / 👎 buttons and reactions to the reward closer, slash commands to the command registry.
 * Which messages it answers: DMs (when allowed), @mentions, replies to its messages, and every
 * message in a thread it is part of (see isAddressedToBot); never other bots', never blocked members'.
 */
export function createDiscordAdapter(services: AdapterServices, options: DiscordAdapterOptions = {}): Adapter {
  const { app, commands } = services;
  const { config, logger } = app;
  const feedbackDeps: DiscordFeedbackDeps = { closer: app.closer, store: app.store, clock: app.clock, access: config.access };
  let client: Client | undefined;

  async function onMessage(discord: Client<true>, message: Message): Promise<void> {
    const botId = discord.user.id;
    if (message.author.bot || message.system || message.webhookId) return;
    const dm = message.guildId === null;
    if (dm ? !config.discord.allowDms : !isAddressedToBot(message, botId)) return;
    if (!isAllowed(accessSubject(message), config.access)) {
      logger.info({ user: message.author.id, channel: message.channelId }, 'Discord message not answered: access lists');
      return;
    }
    const channel = message.channel;
    if (!channel.isSendable()) return;
    // Typing covers fetching the conversation; the placeholder reply takes over from it.
    await channel.sendTyping().catch((error: unknown) => logger.debug({ err: error }, 'typing indicator failed'));
    const { turn, truncated } = await buildTurn(message, botId, config.conversation);
    if (turn.text === '' && turn.history.length === 0) {
      await message.reply({ content: 'Hi! Ask me something: mention me with your question, or reply to one of my answers.', allowedMentions: { parse: [] } });
      return;
    }
    await answerMessage(message, turn, truncated, {
      router: app.router, store: app.store, clock: app.clock, logger, editIntervalMs: config.conversation.streamEditIntervalMs,
    });
  }

  async function onInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isButton()) {
      await handleFeedbackButton(interaction, feedbackDeps);
    } else if (interaction.isChatInputCommand()) {
      await handleSlashCommand(interaction, {
        commands, services: commandServices(app), clock: app.clock, adminRoleIds: config.discord.adminRoleIds,
      }).catch(async (error: unknown) => {
        logger.error({ err: error, command: interaction.commandName }, 'Discord slash command failed');
        if (interaction.deferred) await interaction.editReply('Sorry, that command failed. Please try again.').catch(() => undefined);
      });
    }
  }

  function listen(discord: Client): void {
    // Handlers are fire-and-forget from discord.js's point of view: every failure is caught and logged here.
    discord.on(Events.MessageCreate, (message) => {
      if (!discord.isReady()) return;
      onMessage(discord, message).catch((error: unknown) => logger.error({ err: error, messageId: message.id }, 'answering a Discord message failed'));
    });
    discord.on(Events.InteractionCreate, (interaction) => {
      onInteraction(interaction).catch((error: unknown) => logger.error({ err: error, interactionId: interaction.id }, 'Discord interaction failed'));
    });
    discord.on(Events.MessageReactionAdd, (reaction, user) => {
      try {
        handleFeedbackReaction(reaction, user, discord.user?.id ?? '', feedbackDeps);
      } catch (error) {
        logger.error({ err: error }, 'Discord reaction failed');
      }
    });
    discord.on(Events.Error, (error) => logger.error({ err: error }, 'Discord client error'));
    discord.on(Events.ShardDisconnect, (event) => logger.error({ code: event.code }, 'Discord gateway closed for good'));
  }

  return {
    name: 'discord',

    async start() {
      const { token, apiUrl, appId, guildId } = config.discord;
      if (!token) throw new Error('DISCORD_TOKEN is not set: the Discord adapter cannot start.');
      const rest: ClientOptions['rest'] = {
        ...(apiUrl ? { api: discordApiBase(apiUrl) } : {}),
        ...(options.restRetries !== undefined ? { retries: options.restRetries } : {}),
      };
      const discord = new Client({
        intents: [
          GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent,
          GatewayIntentBits.DirectMessages, GatewayIntentBits.GuildMessageReactions, GatewayIntentBits.DirectMessageReactions,
        ],
        // Reactions and clicks on answers from before a restart arrive for uncached messages, and DMs for uncached channels.
        partials: [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User],
        rest,
      });
      client = discord;
      listen(discord);
      const ready = new Promise<Client<true>>((resolve) => discord.once(Events.ClientReady, resolve));
      try {
        await discord.login(token);
        await ready;
      } catch (error) {
        client = undefined;
        await discord.destroy();
        throw error;
      }
      try {
        services.onHistorySource?.(createDiscordHistorySource(discord));
      } catch (error) {
        // The pilot's ingest is an extra: chatting goes on without it.
        logger.error({ err: error }, 'handing over the Discord history source failed');
      }
      const application = appId ?? discord.application?.id;
      if (!application) {
        logger.warn('no Discord application id: slash commands not registered');
        return;
      }
      try {
        await registerDiscordCommands(discord.rest, application, guildId, commands);
        logger.info({ commands: commands.length, scope: guildId ? 'guild' : 'global' }, 'Discord slash commands registered');
      } catch (error) {
        // Chatting works without commands: a failed registration is reported, not fatal.
        logger.error({ err: error }, 'registering Discord slash commands failed');
      }
    },

    async stop() {
      const discord = client;
      client = undefined;
      await discord?.destroy();
    },
  };
}
