import { parseArgs } from 'node:util';
import { ConfigError } from '../config/index.js';
import { loadProcessConfig } from '../config/process-config.js';
import { runDemo } from './demo-run.js';

/** `npm run demo -- [--messages 5000] [--window 500] [--seed 1]`: learning made visible. */
export async function demo(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { messages: { type: 'string', default: '5000' }, window: { type: 'string', default: '500' }, seed: { type: 'string', default: '1' } },
  });
  const messages = positiveInt('messages', values.messages);
  const window = positiveInt('window', values.window);
  const seed = positiveInt('seed', values.seed);
  const config = loadProcessConfig();
  const started = performance.now();
  const reports = await runDemo({ config, messages, window, seed });
  const seconds = (performance.now() - started) / 1000;
  const arms = Object.keys(reports[0]?.arms ?? {});

  console.log(`Switchboard demo: ${messages} simulated messages, ${config.profile} profile ` +
    `(ridge λ=${+config.bandit.ridgeLambda.toFixed(2)}, ε ${config.bandit.epsilon} decaying to ${+config.bandit.epsilonFloor.toFixed(4)}, α=${config.bandit.alpha}), seed ${seed}`);
  console.log('Per window of messages: each provider\'s share of requests and mean reward; "uniform" routes at random on the same');
  console.log('messages; "best possible" always picks the arm with the highest expected reward (it knows the latent qualities).\n');
  const header = ['messages', ...arms.map((a) => `${a} share (reward)`), 'bandit reward', 'uniform reward', 'best possible'];
  const rows = reports.map((r) => [
    `${r.from + 1}-${r.to}`,
    ...arms.map((a) => {
      const arm = r.arms[a]!;
      return `${pct(arm.share)} (${arm.meanReward === null ? '  -  ' : signed(arm.meanReward)})`;
    }),
    signed(r.meanReward), signed(r.uniformMeanReward), signed(r.bestPossible),
  ]);
  printTable(header, rows);
  const last = reports.at(-1)!;
  console.log(`\nWhat the bandit learned: share of each provider by kind of request, messages ${last.from + 1}-${last.to}`);
  printTable(['kind', ...arms], Object.entries(last.sharesByKind).map(([kind, shares]) => [kind, ...arms.map((a) => pct(shares[a] ?? 0))]));
  console.log(`\n${messages} messages in ${seconds.toFixed(1)} s (${Math.round(messages / seconds)} messages/s through the full request path, twice).`);
  console.log(JSON.stringify({
    suite: 'demo', messages, window, seed, profile: config.profile,
    lastWindow: { meanReward: round(last.meanReward), uniformMeanReward: round(last.uniformMeanReward), bestPossible: round(last.bestPossible), shares: Object.fromEntries(arms.map((a) => [a, round(last.arms[a]!.share)])) },
    windows: reports.map((r) => ({ to: r.to, meanReward: round(r.meanReward), uniformMeanReward: round(r.uniformMeanReward) })),
  }));
}

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError([`--${name}="${value}" is not valid: expected a whole number above 0.`]);
  return n;
}

const pct = (x: number) => `${(100 * x).toFixed(0).padStart(3)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
const round = (x: number) => Math.round(x * 1e4) / 1e4;

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  demo(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
