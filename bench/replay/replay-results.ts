import { renderLineChart, type Panel } from '../../charts/index.js';
import { fixed, markdownTable } from '../format.js';
import type { ReplayReport } from './run-replay.js';
import { VW_BEST } from './vw-reference.js';

/** The `--all` artefacts: a markdown table of every table × policy and a PNG of progressive reward curves. */
export function renderReplayResults(
  reports: ReplayReport[], machine: string, speed: Array<{ shape: string; rows: number; arms: number; features: number; decisionsPerSec: number; p99Micros: number }>,
): { markdown: string; png: Buffer } {
  const policies = reports[0]?.results.map((r) => r.policy) ?? [];
  const rows = reports.map((r) => {
    const vw = VW_BEST[r.dataset]?.[r.lambda];
    const def = r.results.find((p) => p.policy === 'default');
    return [
      r.dataset, String(r.lambda), r.rows.toLocaleString('en-US'), String(r.arms), fixed(r.uniform, 4), fixed(r.bestArm.avgReward, 4),
      vw === undefined ? '-' : fixed(vw),
      ...policies.map((name) => {
        const v = r.results.find((p) => p.policy === name)!.avgReward;
        return name === 'default' ? `**${fixed(v, 4)}**` : fixed(v, 4);
      }),
      fixed(r.oracle, 4),
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
    'Speed of the default policy (select + update in process; median of 7 one-pass runs) on seeded synthetic tables of the issue\'s shapes:',
    '',
    markdownTable(
      ['shape', 'rows', 'arms', 'features', 'decisions/s', 'p99 µs'],
      speed.map((s) => [s.shape, s.rows.toLocaleString('en-US'), String(s.arms), String(s.features), Math.round(s.decisionsPerSec).toLocaleString('en-US'), fixed(s.p99Micros, 1)]),
    ),
    '',
  ].join('\n');

  const shown = policies.filter((p) => p !== 'uniform');
  const panels: Panel[] = reports.map((r) => ({
    title: `${r.dataset}${r.lambda ? ` (lambda=${r.lambda})` : ''}`,
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
