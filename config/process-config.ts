import { readFileSync } from 'node:fs';
import { loadConfig } from './load-config.js';
import type { Config } from './index.js';

/** The one place the process environment is read: everything else gets a Config. */
export function loadProcessConfig(): Config {
  return loadConfig({ env: process.env, readFile: (path) => readFileSync(path, 'utf8') });
}
