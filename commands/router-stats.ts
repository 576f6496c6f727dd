import type { Command, CommandReply } from './command.js';

/** The look-back periods /router stats and the JSON API offer, in milliseconds. */
export const STATS_PERIODS: Readonly<Record<string, number>> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };

/**
 * `/router stats [period]`: per provider, its share of this community's requests, mean reward,
 * latency p50/p95 and cost over the period (default 24h).
 */
export const routerCommand: Command = {
  data: {
    name: 'router',
    description: 'How the router is serving this community',
    admin: true,
    subcommands: [
      {
        name: 'stats',
        description: 'Per provider: share of requests, mean reward, latency p50/p95 and cost',
        options: [{ name: 'period', description: 'How far back to look (default 24h)', type: 'string', choices: Object.keys(STATS_PERIODS) }],
      },
    ],
  },

  async execute(ctx): Promise<CommandReply> {
    const period = typeof ctx.options['period'] === 'string' ? ctx.options['period'] : '24h';
    const span = STATS_PERIODS[period];
    if (span === undefined) {
      return { title: 'Router stats', lines: [`Unknown period "${period}": use one of ${Object.keys(STATS_PERIODS).join(', ')}.`], ephemeral: true };
    }
    const stats = ctx.services.store.armStats(ctx.tenant, ctx.now - span);
    const total = stats.reduce((n, s) => n + s.decisions, 0);
    if (total === 0) return { title: `Router stats, last ${period}`, lines: ['No requests in this period yet.'], ephemeral: true };
    const ms = (v: number | null) => (v === null ? '-' : v >= 10_000 ? `${(v / 1000).toFixed(0)} s` : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
    const rows = stats.map((s) => [
      s.arm,
      `${((100 * s.decisions) / total).toFixed(0)}%`,
      s.meanReward === null ? '-' : `${s.meanReward >= 0 ? '+' : ''}${s.meanReward.toFixed(2)}`,
      ms(s.latencyP50Ms),
      ms(s.latencyP95Ms),
      `$${s.costUsd < 1 ? s.costUsd.toFixed(4) : s.costUsd.toFixed(2)}`,
    ]);
    const errors = stats.reduce((n, s) => n + s.errors, 0);
    const rewarded = stats.reduce((n, s) => n + s.rewards, 0);
    return {
      title: `Router stats, last ${period}`,
      lines: [`${total} request${total === 1 ? '' : 's'}, ${rewarded} with a final reward${errors ? `, ${errors} failed attempt${errors === 1 ? '' : 's'}` : ''}.`],
      table: {
        header: ['provider', 'share', 'reward', 'p50', 'p95', 'cost'],
        rows,
        align: ['left', 'right', 'right', 'right', 'right', 'right'],
      },
      footer: 'Reward: mean of closed rewards (feedback, latency and cost combined). Cost includes failed attempts.',
      ephemeral: true,
    };
  },
};
