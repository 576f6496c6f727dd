import { statusChart } from './abtest-chart.js';
import { describePolicy, parseShares, parseVariantSpecs, VARIANT_SEPARATOR } from './abtest-spec.js';
import { renderStatus } from './abtest-status.js';
import type { Command, CommandContext, CommandReply } from './command.js';

const nameOption = { name: 'name', description: 'Experiment name (letters, digits, - and _)', type: 'string', required: true } as const;

/**
 * `/abtest`: A/B(/n) experiments on routing. Control (A) is the community's current default
 * policy; B (and C, D… after `;`) is given as arm:<name>, epsilon:<x>, lambda:<x> or alpha:<x>
 * (see abtest-spec.ts), with the challengers' share of members in percent (default 50, split
 * evenly) or one share each. One experiment runs at a time per community.
 */
export const abtestCommand: Command = {
  data: {
    name: 'abtest',
    description: 'A/B test routing policies on this community',
    admin: true,
    subcommands: [
      {
        name: 'create',
        description: 'Start an experiment: A = the current policy, B (C, D…) = arm:, epsilon:, lambda: or alpha: settings',
        options: [
          nameOption,
          {
            name: 'variant', type: 'string', required: true,
            description: `B: arm:<name>, epsilon:<x>, lambda:<x> or alpha:<x>; more after ${VARIANT_SEPARATOR} (arm:x${VARIANT_SEPARATOR}epsilon:0.2 = B, C)`,
          },
          { name: 'share', description: `Challengers' total % of members, split evenly (default 50), or one each: 20${VARIANT_SEPARATOR}10`, type: 'string' },
        ],
      },
      { name: 'list', description: 'Experiments of this community', options: [] },
      { name: 'status', description: 'Per variant: requests, reward (with a chart), feedback, errors, latency, cost; SRM, verdicts', options: [nameOption] },
      { name: 'stop', description: 'Stop an experiment: everyone gets the default policy again', options: [nameOption] },
      {
        name: 'promote',
        description: "Make a variant's policy this community's default (ends the experiment)",
        options: [nameOption, { name: 'variant', description: 'Variant to promote (A, B, C…)', type: 'string', required: true }],
      },
    ],
  },

  async execute(ctx): Promise<CommandReply> {
    const engine = ctx.services.experiments;
    if (!engine) return { title: '/abtest', lines: ['Experiments are not available in this process.'], ephemeral: true };
    const name = String(ctx.options['name'] ?? '');
    switch (ctx.subcommand) {
      case 'create': {
        const policies = parseVariantSpecs(String(ctx.options['variant'] ?? ''));
        const shares = parseShares(ctx.options['share'], policies.length);
        const experiment = engine.createAb({ tenant: ctx.tenant, name, challengers: policies.map((policy, i) => ({ policy, share: shares[i]! })) });
        return reply(`Experiment ${experiment.name} started`, [
          ...experiment.variants.map((v) =>
            `${v.name}${v.name === experiment.control ? ' (control)' : ''}: ${describePolicy(v.policy)}, ${Math.round(100 * v.share)}% of members.`),
          `Follow it with /abtest status ${experiment.name}.`,
        ]);
      }
      case 'list':
        return list(ctx);
      case 'status': {
        const report = engine.status(ctx.tenant, name);
        const image = statusChart(report.experiment, engine.timeline(ctx.tenant, name));
        return { ...renderStatus(report), ...(image ? { image } : {}) };
      }
      case 'stop': {
        engine.stop(ctx.tenant, name);
        return reply(`Experiment ${name} stopped`, ['Every member is served by the default policy again; its data stays for /abtest status.']);
      }
      case 'promote': {
        const promoted = engine.promote(ctx.tenant, name, String(ctx.options['variant'] ?? ''));
        return reply(`Promoted ${promoted.variant} of ${name}`, [`This community's default policy is now ${describePolicy(promoted.policy)}.`]);
      }
      default:
        return reply('/abtest', [`Unknown subcommand ${ctx.subcommand}.`]);
    }
  },
};

function list(ctx: CommandContext): CommandReply {
  const experiments = ctx.services.experiments!.list(ctx.tenant);
  if (experiments.length === 0) return reply('Experiments', ['None yet: start one with /abtest create <name> <variant> [share].']);
  const promoted = ctx.services.experiments!.tenantDefault(ctx.tenant);
  return {
    title: 'Experiments',
    lines: [promoted ? `Default policy: ${describePolicy(promoted.policy)} (promoted from ${experiments.find((e) => e.id === promoted.experimentId)?.name ?? '?'}).` : 'Default policy: the shared bandit.'],
    table: {
      header: ['name', 'status', 'variants', 'started'],
      rows: experiments.map((e) => [
        e.name, e.status, e.variants.map((v) => `${v.name}=${describePolicy(v.policy)}`).join(' '),
        new Date(e.createdAt).toISOString().slice(0, 16).replace('T', ' '),
      ]),
    },
    ephemeral: true,
  };
}

const reply = (title: string, lines: string[]): CommandReply => ({ title, lines, ephemeral: true });
