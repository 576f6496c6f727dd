import type { CommandDefinition, CommandOption, CommandReply } from '../commands/command.js';

export type CommandValues = Record<string, string | number | boolean>;

export type ParsedCommandText =
  | { ok: true; subcommand: string; options: CommandValues }
  | { ok: false; reply: CommandReply };

/**
 * A Slack slash command has one free-text argument, so `/router stats 7d` arrives as "stats 7d":
 * the first word names the subcommand, then values fill its options in order, or by name as
 * `period=7d`. Values are checked against the option's type and choices here, because Slack,
 * unlike Discord, shows no pick list and checks nothing.
 */
export function parseCommandText(text: string, command: CommandDefinition): ParsedCommandText {
  const [name = '', ...values] = text.trim().split(/\s+/).filter((word) => word.length > 0);
  const subcommand = command.subcommands.find((s) => s.name === name.toLowerCase());
  if (!subcommand) return { ok: false, reply: usage(command, name ? `\`${name}\` is not a subcommand of /${command.name}.` : undefined) };

  const options: CommandValues = {};
  const problems: string[] = [];
  const positional: string[] = [];
  for (const value of values) {
    const named = /^([a-z][\w-]*)=(.*)$/i.exec(value);
    if (!named) {
      positional.push(value);
      continue;
    }
    const option = subcommand.options.find((o) => o.name === named[1]!.toLowerCase());
    if (option) assign(option, named[2]!, options, problems);
    else problems.push(`/${command.name} ${subcommand.name} has no option \`${named[1]}\`.`);
  }
  for (const value of positional) {
    const option = subcommand.options.find((o) => !(o.name in options));
    if (option) assign(option, value, options, problems);
    else problems.push(`Unexpected value \`${value}\`.`);
  }
  for (const option of subcommand.options) {
    if (option.required && !(option.name in options)) problems.push(`\`${option.name}\` is required.`);
  }
  if (problems.length) return { ok: false, reply: usage(command, problems.join(' ')) };
  return { ok: true, subcommand: subcommand.name, options };
}

function assign(option: CommandOption, raw: string, options: CommandValues, problems: string[]): void {
  if (option.type === 'integer') {
    const value = Number(raw);
    if (Number.isInteger(value)) options[option.name] = value;
    else problems.push(`\`${option.name}\` must be a whole number, not \`${raw}\`.`);
    return;
  }
  if (option.type === 'boolean') {
    const value = { true: true, yes: true, on: true, false: false, no: false, off: false }[raw.toLowerCase()];
    if (value !== undefined) options[option.name] = value;
    else problems.push(`\`${option.name}\` must be true or false, not \`${raw}\`.`);
    return;
  }
  if (option.choices && !option.choices.includes(raw)) {
    problems.push(`\`${option.name}\` must be one of ${option.choices.join(', ')}, not \`${raw}\`.`);
    return;
  }
  options[option.name] = raw;
}

/** How to call the command, after what was wrong with this call. */
function usage(command: CommandDefinition, problem: string | undefined): CommandReply {
  const lines = command.subcommands.map((s) => {
    const args = s.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)).join(' ');
    return `/${command.name} ${s.name}${args ? ` ${args}` : ''}: ${s.description}`;
  });
  return { title: `/${command.name}`, lines: [...(problem ? [problem] : []), ...lines], ephemeral: true };
}
