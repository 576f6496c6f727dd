import { closestMatch } from './closest-match.js';
import { SETTINGS, isSettingName, type SettingName } from './settings.js';

export interface SettingsFile {
  /** Settings given in the file, as text, like environment variables. */
  values: Map<SettingName, string>;
  problems: string[];
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'there is no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
};

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && READ_ERRORS[code] !== undefined) return READ_ERRORS[code];
  return error instanceof Error ? error.message : String(error);
}

// V8's own messages may quote the file's text, and the file may hold API
// keys, so only the position is passed on.
function describeJsonError(error: unknown, source: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  if (position) {
    const before = source.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return ` (line ${line}, column ${column})`;
  }
  if (/end of JSON input/i.test(message)) return ' (it ends too early)';
  return '';
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Reads the optional JSON config file: a flat object keyed by the same names
 * as the environment variables, so one vocabulary covers both. Values may be
 * JSON strings, numbers or booleans; null and "" mean unset.
 */
export function readSettingsFile(path: string, readFile: (path: string) => string): SettingsFile {
  const values = new Map<SettingName, string>();
  const problems: string[] = [];
  const where = `CONFIG_FILE=${JSON.stringify(path)}`;

  let source: string;
  try {
    source = readFile(path);
  } catch (error) {
    problems.push(`${where} could not be read: ${describeReadError(error)}.`);
    return { values, problems };
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    problems.push(`${where} is not valid JSON${describeJsonError(error, source)}.`);
    return { values, problems };
  }

  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push(
      `${where} must hold one JSON object whose keys are setting names, e.g. {"LOG_LEVEL": "debug"}; it holds ${kindOf(parsed)}.`,
    );
    return { values, problems };
  }

  for (const [key, value] of Object.entries(parsed)) {
    if (!isSettingName(key)) {
      const suggestion = closestMatch(key, Object.keys(SETTINGS));
      problems.push(
        suggestion === undefined
          ? `Unknown setting ${JSON.stringify(key)} in ${path}: keys must be setting names such as LOG_LEVEL or PORT.`
          : `Unknown setting ${JSON.stringify(key)} in ${path} (did you mean "${suggestion}"?).`,
      );
    } else if (key === 'CONFIG_FILE') {
      // A file naming another file would make precedence a puzzle.
      problems.push(`CONFIG_FILE cannot be set inside ${path}; set it as an environment variable.`);
    } else if (typeof value === 'string') {
      if (value.trim() !== '') values.set(key, value.trim());
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      values.set(key, String(value));
    } else if (value !== null) {
      problems.push(`${key} in ${path} must be a string, number or boolean, not ${kindOf(value)}.`);
    }
  }
  return { values, problems };
}
