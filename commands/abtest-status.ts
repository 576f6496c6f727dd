import type { ExperimentReport } from '../experiments/experiment-report.js';
import { formatAmount } from '../experiments/verdict.js';
import { describePolicy } from './abtest-spec.js';
import type { CommandReply } from './command.js';

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);
const usd = (x: number) => `$${x < 1 ? x.toFixed(4) : x.toFixed(2)}`;

/** `/abtest status`: one row per variant, then the SRM check and a verdict per variant against control. */
export function renderStatus(report: ExperimentReport): CommandReply {
  const { experiment, variants, srm, verdicts } = report;
  const total = variants.reduce((n, v) => n + v.share, 0);
  const rows = variants.map((v) => [
    v.name === experiment.control ? `${v.name} (control)` : v.name,
    describePolicy(experiment.variants.find((s) => s.name === v.name)!.policy),
    `${Math.round((100 * v.share) / total)}%`,
    String(v.requests),
    v.reward.count === 0 ? '-' : v.rewardInterval
      ? `${signed(v.reward.mean)} [${signed(v.rewardInterval.lower)}, ${signed(v.rewardInterval.upper)}]`
      : `${signed(v.reward.mean)} (n=${v.reward.count})`,
    v.positiveFeedback.count === 0 ? '-' : percent(v.positiveFeedback.mean),
    v.errors.count === 0 ? '-' : percent(v.errors.mean),
    v.latencyMs.count === 0 ? '-' : ms(v.latencyMs.mean),
    v.costUsd.count === 0 ? '-' : usd(v.costUsd.mean),
  ]);
  const srmLine = srm === undefined ? 'SRM: not applicable.'
    : srm.mismatch
      ? `SRM: MISMATCH (χ² = ${formatAmount(srm.statistic)}, p = ${srm.pValue.toExponential(1)}): the split is broken; do not trust these numbers.`
      : `SRM: ok (p = ${formatAmount(srm.pValue)}; observed ${srm.observedShares.map(percent).join(' / ')}).`;
  const stopped = experiment.status === 'running' ? 'running' : `${experiment.status} at ${new Date(experiment.stoppedAt ?? 0).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return {
    title: `Experiment ${experiment.name} (${stopped})`,
    lines: [srmLine, ...verdicts.map((v) => `Verdict for ${v.variant}: ${v.verdict.text}`)],
    table: {
      header: ['variant', 'policy', 'share', 'requests', 'reward [always-valid 95%]', '👍', 'errors', 'latency', 'cost/req'],
      rows,
      align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    },
    footer: 'Reward over closed requests; intervals stay valid however often you look (shown from 30 rewards). Errors: requests where any attempt failed.',
    ephemeral: true,
  };
}
