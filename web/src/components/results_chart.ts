// A line or bar chart of a query result (uPlot), with the x column, the series and the kind
// chosen by the user; shown only when the result has a time or category column and a number.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { QueryResult } from '../lib/api_types';
import { chartData, type ChartChoice, MAX_BARS } from '../lib/chart_data';
import { isCategoryType, isNumericType, isTimeType } from '../lib/cells';
import { h, replaceChildren } from '../lib/dom';

const COLORS = ['#2b5c8a', '#c2571a', '#2f8a4c', '#8a2b7c'];

export class ResultsChart {
  readonly element: HTMLElement;
  private readonly plotHost = h('div', { class: 'chart-plot', role: 'img' });
  private readonly note = h('p', { class: 'hint' });
  private plot: uPlot | null = null;
  private readonly resize = new ResizeObserver(() => this.fit());

  constructor(
    private readonly result: QueryResult,
    private choice: ChartChoice,
  ) {
    const { columns, types } = result;
    const xOptions = columns
      .map((name, i) => [name, i] as const)
      .filter(([, i]) => isTimeType(types[i]) || isCategoryType(types[i]));
    const xSelect = h(
      'select',
      {
        'aria-label': 'X axis column',
        onchange: (e: Event) => this.update({ x: Number((e.target as HTMLSelectElement).value) }),
      },
      xOptions.map(([name, i]) => h('option', { value: String(i), selected: i === choice.x }, name)),
    );
    const ySelect = h(
      'select',
      {
        'aria-label': 'Series column',
        onchange: (e: Event) => this.update({ y: (e.target as HTMLSelectElement).value }),
      },
      h('option', { value: 'all', selected: true }, 'All numeric columns'),
      columns.map((name, i) => (isNumericType(types[i]) ? h('option', { value: String(i) }, name) : null)),
    );
    const kindSelect = h(
      'select',
      {
        'aria-label': 'Chart type',
        onchange: (e: Event) =>
          this.update({ kind: (e.target as HTMLSelectElement).value as 'line' | 'bar' }),
      },
      h('option', { value: 'line', selected: choice.kind === 'line' }, 'Line'),
      h('option', { value: 'bar', selected: choice.kind === 'bar' }, 'Bar'),
    );
    this.element = h(
      'section',
      { class: 'results-chart', 'aria-label': 'Chart' },
      h(
        'div',
        { class: 'chart-controls' },
        label('Chart', kindSelect),
        label('X axis', xSelect),
        label('Series', ySelect),
      ),
      this.plotHost,
      this.note,
    );
    this.resize.observe(this.plotHost);
    requestAnimationFrame(() => this.draw());
  }

  dispose(): void {
    this.resize.disconnect();
    this.plot?.destroy();
  }

  private update(change: { x?: number; y?: string; kind?: 'line' | 'bar' }): void {
    const numeric = this.result.types.map((t, i) => (isNumericType(t) ? i : -1)).filter((i) => i >= 0);
    if (change.x !== undefined) this.choice = { ...this.choice, x: change.x };
    if (change.kind) this.choice = { ...this.choice, kind: change.kind };
    if (change.y)
      this.choice = { ...this.choice, ys: change.y === 'all' ? numeric.slice(0, 4) : [Number(change.y)] };
    this.draw();
  }

  private draw(): void {
    this.plot?.destroy();
    const { columns } = this.result;
    const choice = this.choice;
    const data = chartData(this.result, choice);
    const names = choice.ys.map((y) => columns[y]);
    this.plotHost.setAttribute(
      'aria-label',
      `${choice.kind === 'line' ? 'Line' : 'Bar'} chart of ${names.join(', ')} by ${columns[choice.x]}, ${data.xs.length} points`,
    );
    this.note.textContent =
      !data.time && this.result.results.length > MAX_BARS
        ? `Showing the first ${MAX_BARS} rows as bars.`
        : '';
    const bars = choice.kind === 'bar';
    const options: uPlot.Options = {
      width: this.width(),
      height: 300,
      scales: {
        x: data.time ? { time: true } : { time: false, range: [-0.6, Math.max(0.6, data.xs.length - 0.4)] },
        // Bars start at zero, so their heights compare.
        y: bars ? { range: (_u, min, max) => [Math.min(0, min), Math.max(0, max) * 1.05 || 1] } : {},
      },
      axes: [
        data.time
          ? {}
          : {
              splits: () => data.xs,
              values: (_u, splits) => splits.map((i) => truncate(data.labels[i] ?? '', 14)),
              rotate: data.xs.length > 8 ? -40 : 0,
              size: data.xs.length > 8 ? 80 : 40,
            },
        {},
      ],
      series: [
        { label: columns[choice.x] },
        ...names.map((name, i) => ({
          label: name,
          stroke: COLORS[i % COLORS.length],
          width: bars ? 1 : 2,
          fill: bars ? `${COLORS[i % COLORS.length]}b0` : undefined,
          paths: bars
            ? uPlot.paths.bars!({ size: [0.7 / names.length, 80], align: barAlign(i, names.length) })
            : undefined,
          points: { show: !bars && data.xs.length < 60 },
        })),
      ],
    };
    replaceChildren(this.plotHost);
    this.plot = new uPlot(options, [data.xs, ...data.series] as uPlot.AlignedData, this.plotHost);
  }

  private width(): number {
    return Math.max(280, this.plotHost.clientWidth || this.element.clientWidth || 640);
  }

  private fit(): void {
    if (this.plot && Math.abs(this.plot.width - this.width()) > 4)
      this.plot.setSize({ width: this.width(), height: 300 });
  }
}

function label(text: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'inline-field' }, h('span', {}, text), control);
}

// Two series of bars stand side by side around their category; more overlap (they are translucent).
function barAlign(series: number, count: number): -1 | 0 | 1 {
  if (count !== 2) return 0;
  return series === 0 ? -1 : 1;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
