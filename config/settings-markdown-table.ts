import { SETTINGS, type Setting } from './settings.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function defaultCell(setting: Setting<unknown>): string {
  if (setting.defaultText !== undefined) return setting.defaultText;
  if (setting.default !== undefined) return `\`${String(setting.default)}\``;
  return '(unset)';
}

/** The settings table for the README, generated so it cannot drift from what the loader accepts. */
export function settingsMarkdownTable(): string {
  const rows = Object.entries(SETTINGS).map(([name, setting]: [string, Setting<unknown>]) => {
    const what = setting.secret ? `${setting.description} Secret: never logged or echoed.` : setting.description;
    return `| \`${name}\` | ${cell(defaultCell(setting))} | ${cell(setting.type.allowed)} | ${cell(what)} |`;
  });
  return ['| Setting | Default | Allowed | What it does |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
