import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config/index.js';
import { loadProcessConfig } from '../config/process-config.js';
import { abtestCommand } from './abtest-cli.js';
import { autotuneCommand } from './autotune.js';
import { demo } from './demo.js';
import { optimizerCommand } from './optimizer-cli.js';
import { overheadCommand } from './overhead.js';
import { pilotCommand } from './pilot.js';
import { replayCommand } from './replay-cli.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const SUITES: Record<string, (argv: string[]) => void | Promise<void>> = {
  replay: (argv) => replayCommand(argv, loadProcessConfig(), REPO_ROOT),
  demo: (argv) => demo(argv),
  abtest: (argv) => abtestCommand(argv),
  optimizer: (argv) => optimizerCommand(argv),
  autotune: (argv) => autotuneCommand(argv, loadProcessConfig()),
  overhead: (argv) => overheadCommand(argv, loadProcessConfig()),
  pilot: (argv) => pilotCommand(argv),
};

/** `npm run bench -- <suite> …`: each suite prints a readable table and, last, one JSON line. */
async function main(argv: string[]): Promise<void> {
  const [suite, ...rest] = argv;
  const run = suite ? SUITES[suite] : undefined;
  if (!run) {
    process.stderr.write(`usage: npm run bench -- <suite> [options]\nsuites: ${Object.keys(SUITES).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  await run(rest);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? 'Invalid configuration:\n' : ''}${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
