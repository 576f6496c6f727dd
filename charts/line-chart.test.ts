import { describe, expect, it } from 'vitest';
import { THEME } from './theme.js';
import { drawLineChart, renderLineChart } from './line-chart.js';
import { layoutPanel } from './panel-layout.js';
import { sampleChartSpec } from './sample-chart.js';
import { decodePng, pixelAt, readChunks } from './testing/decode-png.js';
import type { LineChartSpec, Panel } from './types.js';

const MAGENTA: [number, number, number, number] = [0xff, 0x00, 0xff, 255];
const BACKGROUND: [number, number, number, number] = [0xfa, 0xfb, 0xfc, 255];

function onePanel(panel: Partial<Panel> = {}): LineChartSpec {
  return {
    background: '#fafbfc',
    panels: [{
      title: 'Reward',
      xLabel: 'rows',
      yLabel: 'mean',
      series: [{ name: 'policy', color: '#ff00ff', points: [[0, 0.2], [50, 0.5], [100, 0.8]] }],
      ...panel,
    }],
  };
}

function plotOf(spec: LineChartSpec): { x: number; y: number; width: number; height: number } {
  const cell = { x: 0, y: 0, width: spec.panelWidth ?? 480, height: spec.panelHeight ?? 320 };
  return layoutPanel(spec.panels[0]!, cell, THEME).plot;
}

describe('renderLineChart', () => {
  it('is deterministic: the same spec gives the same bytes', () => {
    const spec = sampleChartSpec();
    expect(renderLineChart(spec).equals(renderLineChart(sampleChartSpec()))).toBe(true);
  });

  it('writes a valid PNG sized from the panel grid', () => {
    const png = renderLineChart({ panels: [onePanel().panels[0]!, onePanel().panels[0]!, onePanel().panels[0]!, onePanel().panels[0]!], columns: 2, panelWidth: 300, panelHeight: 200 });
    const image = decodePng(png);
    expect([image.width, image.height, image.bitDepth, image.colorType]).toEqual([600, 400, 8, 6]);
    expect(readChunks(png).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  });

  it('draws the series colour inside the plot area only, and the background elsewhere', () => {
    const spec = onePanel();
    const image = decodePng(renderLineChart(spec));
    const plot = plotOf(spec);
    let inside = 0;
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        const [r, g, b] = pixelAt(image, x, y);
        // The legend swatch is the one place the colour may appear: it lies within the plot too.
        if (r === 255 && g === 0 && b === 255) {
          expect(x >= plot.x && x < plot.x + plot.width && y >= plot.y && y < plot.y + plot.height).toBe(true);
          inside++;
        }
      }
    }
    expect(inside).toBeGreaterThan(300);
    expect(pixelAt(image, 0, 0)).toEqual(BACKGROUND);
    expect(pixelAt(image, image.width - 1, image.height - 1)).toEqual(BACKGROUND);
    expect(pixelAt(image, plot.x + plot.width + 5, plot.y + plot.height / 2)).toEqual(BACKGROUND);
  });

  it('puts the line where the scales say', () => {
    const spec = onePanel();
    const raster = drawLineChart(spec);
    const layout = layoutPanel(spec.panels[0]!, { x: 0, y: 0, width: 480, height: 320 }, THEME);
    const px = Math.floor(layout.x.toPixel(25));
    const py = Math.floor(layout.y.toPixel(0.35));
    const { r, g, b } = raster.getPixel(px, py);
    expect([r, g, b]).toEqual(MAGENTA.slice(0, 3));
  });

  it('clips lines that leave a fixed y range', () => {
    const spec = onePanel({ yMin: 0.4, yMax: 0.6 });
    const image = decodePng(renderLineChart(spec));
    const plot = plotOf(spec);
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        const [r, g, b] = pixelAt(image, x, y);
        if (r === 255 && g === 0 && b === 255) expect(y >= plot.y && y < plot.y + plot.height).toBe(true);
      }
    }
  });

  it('shades a band in a translucent tint of the series colour', () => {
    const spec = onePanel({
      yMin: 0,
      yMax: 1,
      series: [{ name: 'variant B', color: '#ff00ff', points: [[0, 0.5], [100, 0.5]], band: [[0, 0.3, 0.7], [100, 0.3, 0.7]] }],
    });
    const raster = drawLineChart(spec);
    const layout = layoutPanel(spec.panels[0]!, { x: 0, y: 0, width: 480, height: 320 }, THEME);
    const px = Math.floor(layout.x.toPixel(30));
    const tint = raster.getPixel(px, Math.floor(layout.y.toPixel(0.35)));
    expect(tint.r).toBeGreaterThan(tint.g);
    expect(tint.g).toBeLessThan(0xfb);
    expect(tint.g).toBeGreaterThan(0x80);
    expect(raster.getPixel(px, Math.floor(layout.y.toPixel(0.15)))).toEqual({ r: 0xfa, g: 0xfb, b: 0xfc, a: 255 });
  });

  it('gives a series name the same palette colour in every panel', () => {
    const panel = (title: string): Panel => ({ title, series: [{ name: 'a', points: [[0, 0], [1, 1]] }, { name: 'b', points: [[0, 1], [1, 0]] }] });
    const spec: LineChartSpec = { panels: [panel('one'), { ...panel('two'), series: [...panel('two').series].reverse() }] };
    const raster = drawLineChart(spec);
    const colorAt = (cellX: number, panelSpec: Panel, seriesName: string): string => {
      const layout = layoutPanel(panelSpec, { x: cellX, y: 0, width: 480, height: 320 }, THEME);
      const yAtQuarter = seriesName === 'a' ? 0.25 : 0.75;
      const { r, g, b } = raster.getPixel(Math.floor(layout.x.toPixel(0.25)), Math.floor(layout.y.toPixel(yAtQuarter)));
      return `${r},${g},${b}`;
    };
    expect(colorAt(480, spec.panels[1]!, 'a')).toBe(colorAt(0, spec.panels[0]!, 'a'));
    expect(colorAt(480, spec.panels[1]!, 'b')).toBe(colorAt(0, spec.panels[0]!, 'b'));
    expect(colorAt(0, spec.panels[0]!, 'a')).not.toBe(colorAt(0, spec.panels[0]!, 'b'));
  });

  it('copes with log x, gaps, empty panels and very long series', () => {
    const long = Array.from({ length: 200_000 }, (_, i): [number, number] => [i, Math.sin(i / 5000) + (i % 7) / 50]);
    const spec: LineChartSpec = {
      title: 'Edge cases',
      panels: [
        { title: 'log', xLog: true, series: [{ name: 's', points: [[0, 1], [1, 2], [10, Number.NaN], [100, 3], [1000, 4]] }] },
        { title: 'empty', series: [] },
        { title: 'long', series: [{ name: 'long', points: long }], referenceLines: [{ y: 0, label: 'zero' }] },
      ],
    };
    const started = performance.now();
    const image = decodePng(renderLineChart(spec));
    expect(image.width).toBe(1440);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('rejects specs it cannot draw', () => {
    expect(() => renderLineChart({ panels: [] })).toThrow(/at least one panel/);
    expect(() => renderLineChart({ ...onePanel(), panelWidth: 10 })).toThrow(RangeError);
    expect(() => renderLineChart({ ...onePanel(), background: 'blue' })).toThrow(/colour/);
  });
});
