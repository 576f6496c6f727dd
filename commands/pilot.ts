import type { PilotRunRecord } from '../store/pilot-records.js';
import type { Command, CommandContext, CommandReply } from './command.js';

/** How far back `/pilot run` reads when no `since` is given. */
const DEFAULT_SINCE = '7d';
const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `since` as 12h, 7d, 2w or an ISO date; the result is epoch ms. */
export function parseSince(raw: string, now: number): number {
  const relative = /^(\d+)\s*([hdw])$/i.exec(raw.trim());
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!;
  const date = Date.parse(raw);
  if (Number.isNaN(date)) throw new Error(`since must look like 12h, 7d, 2w or 2026-11-01, not "${raw}"`);
  return date;
}

function looksLikeSince(raw: string): boolean {
  return /^\d+\s*[hdw]$/i.test(raw.trim()) || /^\d{4}-\d{2}-\d{2}/.test(raw.trim());
}

/** A channel given as a Discord mention (<#123>), a Slack one (<#C123|name>) or a bare id. */
export function parseChannel(raw: string): string {
  const mention = /^<#([A-Za-z0-9]+)(\|[^>]*)?>$/.exec(raw.trim());
  const id = mention ? mention[1]! : raw.trim().replace(/^#/, '');
  if (!/^[A-Za-z0-9]+$/.test(id)) throw new Error(`"${raw}" is not a channel: pick one from the list or give its id`);
  return id;
}

export const pilotCommand: Command = {
  data: {
    name: 'pilot',
    description: 'Analyse community text: topics, keywords, summaries, and retrieval vectors',
    admin: true,
    subcommands: [
      {
        name: 'run',
        description: 'Read a channel\'s recent history, segment, embed and find its topics',
        options: [
          { name: 'channel', description: 'Channel to read (default: this one)', type: 'string' },
          { name: 'since', description: `How far back: 12h, 7d, 2w or a date (default ${DEFAULT_SINCE})`, type: 'string' },
        ],
      },
      { name: 'status', description: 'The latest run (or the one named): steps, topics, summaries', options: [{ name: 'run', description: 'Run id', type: 'string' }] },
    ],
  },

  async execute(ctx): Promise<CommandReply> {
    const pilot = ctx.services.pilot;
    if (!pilot) return { title: '/pilot', lines: ['The pilot pipeline is not available in this process.'], ephemeral: true };
    if (ctx.subcommand === 'run') return start(ctx);
    const id = ctx.options['run'] ? String(ctx.options['run']) : undefined;
    const run = id ? pilot.run(id) : pilot.recentRuns(ctx.tenant, 1)[0];
    if (!run || run.tenant !== ctx.tenant) {
      return { title: 'Pilot', lines: [id ? `No run ${id} in this community.` : 'No runs yet: start one with /pilot run.'], ephemeral: true };
    }
    return renderRun(run);
  },
};

function start(ctx: CommandContext): CommandReply {
  if (ctx.platform === 'console') {
    return { title: '/pilot run', lines: ['Channel history needs Discord or Slack; on the console, POST texts or files to /pilot/run.'], ephemeral: true };
  }
  let channelText = ctx.options['channel'] === undefined ? undefined : String(ctx.options['channel']);
  let sinceText = ctx.options['since'] === undefined ? undefined : String(ctx.options['since']);
  // Typed as text (Slack, the console), `/pilot run 7d` means "this channel, since 7d".
  if (channelText !== undefined && sinceText === undefined && looksLikeSince(channelText)) [channelText, sinceText] = [undefined, channelText];
  const channel = channelText !== undefined ? parseChannel(channelText) : ctx.channel;
  sinceText ??= DEFAULT_SINCE;
  const since = parseSince(sinceText, ctx.now);
  const run = ctx.services.pilot!.start({
    tenant: ctx.tenant, requestedBy: ctx.user,
    history: { platform: ctx.platform, channel, since, limit: ctx.services.pilotHistoryLimit ?? 5000 },
    steps: { segment: true, embed: true, analysis: true },
  });
  return {
    title: `Pilot run ${run.id} started`,
    lines: [`Reading <#${channel}> since ${new Date(since).toISOString().slice(0, 16).replace('T', ' ')} UTC, then segment → embed → topics.`,
      `Follow it with /pilot status (or /pilot status ${run.id}).`],
  };
}

export function renderRun(run: PilotRunRecord): CommandReply {
  const lines = [
    `Status: ${run.status}${run.durationSeconds !== null ? ` in ${run.durationSeconds.toFixed(2)} s` : ''}; runner: ${run.orchestrator}` +
      `${run.degraded.length ? ` (degraded: ${run.degraded.join(', ')})` : ''}.`,
    ...run.steps.map((s) => `${s.name}: ${s.status}${s.reason ? ` (${s.reason})` : ''}` +
      `${Object.keys(s.counts).length ? ` · ${Object.entries(s.counts).map(([k, v]) => `${k} ${v}`).join(', ')}` : ''}`),
  ];
  const analysis = run.analysis;
  if (!analysis) return { title: `Pilot run ${run.id}`, lines };
  return {
    title: `Pilot run ${run.id}`,
    lines: [...lines, `${analysis.topics.length} topics over ${analysis.chunks} chunks (k by ${analysis.criterion}).`],
    table: {
      header: ['#', 'size', 'keywords', 'summary'],
      rows: analysis.topics.map((t, i) => [String(i + 1), String(t.size), t.keywords.slice(0, 5).join(', '), (t.summary ?? '—').slice(0, 160)]),
      align: ['right', 'right', 'left', 'left'],
    },
  };
}
