import { renderLineChart, type Panel } from '../../charts/index.js';
import { fixed, markdownTable } from '../format.js';
import type { ReplayReport } from './run-replay.js';
import { VW_BEST } from './vw-reference.js';

/** The `--all` artefacts: a markdown table of every table × policy and a PNG of progressive reward curves. */
export function renderReplayResults(reports: ReplayReport[], machine: string): { markdown: string; png: Buffer } {
  const policies = reports[0]?.results.map((r) => r.policy) ?? [];
  const rows = reports.map((r) => {
    const vw = VW_BEST[r.dataset]?.[r.lambda];
    const def = r.results.find((p) => p.policy === 'default');
    return [
      r.dataset, String(r.lambda), r.rows.toLocaleString('en-US'), String(r.arms), fixed(r.uniform), fixed(r.bestArm.avgReward),
      vw === undefined ? '-' : fixed(vw),
      ...policies.map((name) => {
        const v = r.results.find((p) => p.policy === name)!.avgReward;
        return name === 'default' ? `**${fixed(v)}**` : fixed(v);
      }),
      fixed(r.oracle),
      def ? Math.round(def.decisionsPerSec).toLocaleString('en-US') : '-',
      def ? fixed(def.p99Micros, 1) : '-',
    ];
  });
  const markdown = [
    `Progressive (one-pass, online) average reward per table; measured ${machine}.`,
    '',
    markdownTable(
      ['table', 'λ', 'rows', 'arms', 'uniform', 'best arm', 'VW best', ...policies, 'oracle', 'default decisions/s', 'default p99 µs'],
      rows,
    ),
    '',
  ].join('\n');

  const shown = policies.filter((p) => p !== 'uniform');
  const panels: Panel[] = reports.map((r) => ({
    title: `${r.dataset}${r.lambda ? ` (λ=${r.lambda})` : ''}`,
    xLabel: 'rows',
    yLabel: 'average reward',
    xLog: true,
    series: shown.map((name) => ({
      name,
      points: r.results.find((p) => p.policy === name)!.curve,
      ...(name === 'default' ? {} : { dashed: false }),
    })),
    referenceLines: [
      { y: r.bestArm.avgReward, label: 'best arm' },
      ...(VW_BEST[r.dataset]?.[r.lambda] !== undefined ? [{ y: VW_BEST[r.dataset]![r.lambda]!, label: 'VW best' }] : []),
    ],
  }));
  const png = renderLineChart({ title: 'Replay: progressive average reward', panels, columns: 3 });
  return { markdown, png };
}
