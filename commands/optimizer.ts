import { monitorTenant } from '../optimizer/loop/tenant-monitor.js';
import type { DeploymentRecord, Interval } from '../store/optimizer-records.js';
import type { Command, CommandContext, CommandReply } from './command.js';
import { describePolicy } from './abtest-spec.js';
import { formatEstimate } from '../experiments/verdict.js';

const interval = (i: Interval | null) => (i ? formatEstimate(i) : '—');
const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export const optimizerCommand: Command = {
  data: {
    name: 'optimizer',
    description: 'The optimizer that tunes the router from its own logs',
    admin: true,
    subcommands: [
      { name: 'status', description: 'Recent runs, the canary, and what the reward trend suggests', options: [] },
      { name: 'run', description: 'Tune now on this community\'s logged requests (deploys a canary only if clearly better)', options: [] },
      { name: 'rollback', description: 'End the running canary: everyone gets the current policy again', options: [] },
    ],
  },

  async execute(ctx): Promise<CommandReply> {
    const tuner = ctx.services.optimizer;
    if (!tuner) return { title: '/optimizer', lines: ['The optimizer is not available in this process.'], ephemeral: true };
    switch (ctx.subcommand) {
      case 'run': {
        const started = tuner.start(ctx.tenant, 'manual');
        if (!started) return { title: 'Optimizer busy', lines: ['Another optimizer run is in progress; try again when it ends (/optimizer status).'] };
        return { title: `Optimizer run ${started.run.id} started`, lines: ['It evaluates candidates on this community\'s logged requests; /optimizer status shows the result.'] };
      }
      case 'rollback': {
        const ended = tuner.rollback(ctx.tenant, `admin ${ctx.user}`);
        return ended
          ? { title: 'Canary rolled back', lines: [`${ended.experimentName} ended: every member gets the current policy again.`] }
          : { title: 'Nothing to roll back', lines: ['No optimizer canary is running in this community.'] };
      }
      default:
        return status(ctx);
    }
  },
};

function status(ctx: CommandContext): CommandReply {
  const { store } = ctx.services;
  const runs = store.optimizer.recentRuns(ctx.tenant, 5);
  const deployments = store.optimizer.recentDeployments(ctx.tenant, 3);
  const report = monitorTenant(store.optimizer, ctx.tenant, ctx.now);
  const lines = [
    ...deployments.map((d) => deploymentLine(d, ctx)),
    ...(runs.length ? [] : ['No optimizer runs yet in this community.']),
    ...report.recommendations.map((r) => `• ${r}`),
  ];
  const reply: CommandReply = { title: 'Optimizer', lines };
  if (runs.length === 0) return reply;
  reply.table = {
    header: ['started (UTC)', 'trigger', 'outcome', 'requests', 'best', 'gain vs current'],
    rows: runs.map((r) => [when(r.startedAt), r.trigger, r.status, String(r.logs), interval(r.bestEstimate), interval(r.gain)]),
    align: ['left', 'left', 'left', 'right', 'left', 'left'],
  };
  if (runs[0]!.reason) reply.footer = `Latest: ${runs[0]!.reason}.`;
  return reply;
}

function deploymentLine(d: DeploymentRecord, ctx: CommandContext): string {
  const params = describePolicy({ kind: 'bandit', overrides: d.params });
  if (d.status !== 'canary') return `${d.experimentName} (${params}): ${d.status} ${when(d.endedAt ?? d.createdAt)} UTC — ${d.reason ?? ''}`;
  const verdict = ctx.services.experiments?.status(d.tenant, d.experimentName).verdicts.find((v) => v.variant === 'B');
  return `Canary ${d.experimentName} (${params}) on ${Math.round(d.share * 100)} % of members since ${when(d.createdAt)} UTC: ${verdict?.verdict.text ?? 'no data yet'}.`;
}
