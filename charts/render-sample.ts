import { writeFileSync } from 'node:fs';
import { renderLineChart } from './line-chart.js';
import { sampleChartSpec } from './sample-chart.js';

/** `npx tsx charts/render-sample.ts out.png`: writes the sample chart, to eyeball changes. */
const target = process.argv[2];
if (!target) {
  process.stderr.write('usage: tsx charts/render-sample.ts <out.png>\n');
  process.exitCode = 2;
} else {
  writeFileSync(target, renderLineChart(sampleChartSpec()));
  process.stdout.write(`wrote ${target}\n`);
}
