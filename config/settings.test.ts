import { describe, expect, it } from 'vitest';
import { SETTINGS, settingsMarkdownTable } from './index.js';
import { closestMatch } from './closest-match.js';

describe('settingsMarkdownTable', () => {
  const table = settingsMarkdownTable();
  const lines = table.split('\n');

  it('has the documented columns and one row per setting', () => {
    expect(lines[0]).toBe('| Setting | Default | Allowed | What it does |');
    expect(lines).toHaveLength(2 + Object.keys(SETTINGS).length);
    for (const name of Object.keys(SETTINGS)) {
      expect(table).toContain(`| \`${name}\` |`);
    }
  });

  it('shows literal defaults, profile defaults, derived values and the allowed wording used in errors', () => {
    expect(table).toContain('| `PORT` | `9464` | a whole number from 0 to 65535 |');
    expect(table).toContain(
      '| `FEEDBACK_WINDOW_SECONDS` | from profile: production 900, staging 900, development 60 |',
    );
    expect(table).toContain('| `SWITCHBOARD_PROFILE` | `production` | one of production, staging, development |');
    expect(table).toContain('| `BANDIT_ALPHA` | 0 (greedy ridge) | a number of 0 or more |');
    expect(table).toContain('| `BANDIT_RIDGE_LAMBDA` | 1 / LEARNING_RATE: production 10, staging 5, development 3.3333 |');
    expect(table).toContain('| `BANDIT_EPSILON` | EXPLORATION_RATE | a fraction between 0 and 1, written as 0.05 or 5% |');
    expect(table).toContain(
      '| `BANDIT_EPSILON_FLOOR` | EXPLORATION_RATE / 5: production 0.01, staging 0.03, development 0.06 | a fraction between 0 and 1, written as 0.01 or 1% |',
    );
    expect(table).toContain('| `BANDIT_DRIFT_DECAY` | 0.999 | a fraction between 0 and 1, written as 0.999 or 99.9% |');
    expect(table).toContain('| `BANDIT_DRIFT_RATE` | 0.05 | a fraction between 0 and 1, written as 0.05 or 5% |');
    expect(table).not.toContain('from CONFIDENCE_THRESHOLD');
    expect(table).toContain('| `LOG_LEVEL` | info (every profile) | one of fatal, error, warn, info, debug, trace, silent |');
    expect(table).toMatch(/\| `OPENAI_API_KEY` \| \(unset\) \| .* Secret: never logged or echoed\. \|/);
  });

  it('escapes pipes so every row keeps four cells', () => {
    for (const line of lines) {
      expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(6);
    }
  });
});

describe('closestMatch', () => {
  it('suggests abbreviations, typos and transpositions, ignoring case and separators', () => {
    expect(closestMatch('prod', ['production', 'staging', 'development'])).toBe('production');
    expect(closestMatch('stagign', ['production', 'staging', 'development'])).toBe('staging');
    expect(closestMatch('log-level', ['LOG_LEVEL', 'PORT'])).toBe('LOG_LEVEL');
    expect(closestMatch('ture', ['true', 'false'])).toBe('true');
  });

  it('stays quiet when nothing is close', () => {
    expect(closestMatch('banana', ['production', 'staging', 'development'])).toBeUndefined();
    expect(closestMatch('2', ['1', '0'])).toBeUndefined();
    expect(closestMatch('', ['a'])).toBeUndefined();
  });
});
