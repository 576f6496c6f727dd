export { loadConfig, type LoadConfigInput } from './load-config.js';
export { ConfigError } from './config-error.js';
export { configSchema, type Config } from './schema.js';
export { hasProviderKeys } from './has-provider-keys.js';
export {
  PROFILES,
  PROFILE_NAMES,
  banditParameters,
  type BanditParameters,
  type OperatingValues,
  type Profile,
  type ProfileName,
} from './profiles.js';
export { LOG_LEVELS, type LogLevel } from './log-levels.js';
export { SETTINGS, type Setting, type SettingName } from './settings.js';
export { settingsMarkdownTable } from './settings-markdown-table.js';
export { DEFAULT_PRICES, type ModelPrice } from './prices.js';
