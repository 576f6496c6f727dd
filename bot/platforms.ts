import { ConfigError, type Config } from '../config/index.js';
import type { Adapter, AdapterServices } from './adapter.js';
import { createDiscordAdapter } from './discord.js';
import { createSlackAdapter } from './slack.js';

/** Which platforms the config asks for; incomplete credentials are a configuration error, named. */
export function configuredPlatforms(config: Config): Array<'discord' | 'slack'> {
  const problems: string[] = [];
  const platforms: Array<'discord' | 'slack'> = [];
  if (config.discord.token) {
    if (!config.discord.appId) problems.push('DISCORD_TOKEN is set but DISCORD_APP_ID is not: set it to the application id from the Discord Developer Portal (needed to register slash commands).');
    else platforms.push('discord');
  }
  if (config.slack.botToken) {
    if (!config.slack.signingSecret && !config.slack.appToken) {
      problems.push('SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is: set one of them.');
    } else {
      platforms.push('slack');
    }
  } else if (config.slack.signingSecret || config.slack.appToken) {
    problems.push('SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not: set it to the Bot User OAuth Token (xoxb-…).');
  }
  if (problems.length) throw new ConfigError(problems);
  return platforms;
}

export function createPlatformAdapters(platforms: Array<'discord' | 'slack'>, services: AdapterServices): Adapter[] {
  return platforms.map((p) => (p === 'discord' ? createDiscordAdapter(services) : createSlackAdapter(services)));
}
