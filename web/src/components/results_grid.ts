// The results grid: renders only the rows in view (plus a margin), so 100,000 rows scroll as
// smoothly as 10. Keyboard: arrows, Page Up/Down, Home/End scroll it once it has focus.
import type { QueryResult } from '../lib/api_types';
import { cellText, isNumericType } from '../lib/cells';
import { h, replaceChildren } from '../lib/dom';
import { formatCount } from '../lib/format';

const ROW_HEIGHT = 28;
const OVERSCAN = 12;
const MAX_CELL_CHARS = 400;

export class ResultsGrid {
  readonly element: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly rowsHost: HTMLElement;
  private readonly template: string;
  private readonly numeric: boolean[];
  private renderedFirst = -1;
  private renderedLast = -1;
  private frame = 0;

  constructor(private readonly result: QueryResult) {
    const { columns, types, results } = result;
    this.numeric = types.map(isNumericType);
    const widths = columnWidths(result);
    const numberWidth = Math.max(48, String(results.length).length * 9 + 20);
    this.template = [numberWidth, ...widths].map((w) => `${w}px`).join(' ');
    const totalWidth = numberWidth + widths.reduce((a, b) => a + b, 0);

    const header = h(
      'div',
      { class: 'grid-row grid-header', role: 'row', 'aria-rowindex': 1 },
      h('div', { role: 'columnheader', class: 'grid-number' }, '#'),
      columns.map((name, i) =>
        h(
          'div',
          { role: 'columnheader', class: this.numeric[i] ? 'numeric' : '', title: `${name}: ${types[i]}` },
          h('span', { class: 'column-name' }, name),
          h('span', { class: 'column-type' }, types[i]),
        ),
      ),
    );
    header.style.gridTemplateColumns = this.template;
    header.style.width = `${totalWidth}px`;
    this.rowsHost = h('div', { class: 'grid-rows', role: 'rowgroup' });
    const spacer = h('div', { class: 'grid-spacer' }, this.rowsHost);
    spacer.style.height = `${results.length * ROW_HEIGHT}px`;
    spacer.style.width = `${totalWidth}px`;
    this.viewport = h(
      'div',
      {
        class: 'grid-viewport',
        role: 'grid',
        tabindex: 0,
        'aria-label': `Query results: ${formatCount(results.length)} rows, ${columns.length} columns`,
        'aria-rowcount': results.length + 1,
        'aria-colcount': columns.length + 1,
        onscroll: () => this.scheduleRender(),
        onkeydown: (event: KeyboardEvent) => this.onKey(event),
      },
      h('div', { role: 'rowgroup' }, header),
      spacer,
    );
    this.element = h(
      'div',
      { class: 'results-grid' },
      this.viewport,
      results.length === 0 ? h('p', { class: 'empty' }, 'The query returned no rows.') : null,
    );
    this.viewport.style.height = `${Math.min(520, Math.max(2, results.length) * ROW_HEIGHT + 52)}px`;
    new ResizeObserver(() => this.scheduleRender()).observe(this.viewport);
    this.render();
  }

  // Scrolls so that row `index` (0-based) is in view; for tests and "go to row".
  scrollToRow(index: number): void {
    this.viewport.scrollTop = index * ROW_HEIGHT;
    this.render();
  }

  private scheduleRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const rows = this.result.results;
    const height = this.viewport.clientHeight || 480;
    const top = Math.max(0, this.viewport.scrollTop);
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(rows.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    if (first === this.renderedFirst && last === this.renderedLast) return;
    this.renderedFirst = first;
    this.renderedLast = last;
    this.rowsHost.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const rendered: HTMLElement[] = [];
    for (let index = first; index < last; index++) rendered.push(this.renderRow(index));
    replaceChildren(this.rowsHost, rendered);
  }

  private renderRow(index: number): HTMLElement {
    const values = this.result.results[index];
    const row = h(
      'div',
      { class: 'grid-row', role: 'row', 'aria-rowindex': index + 2 },
      h('div', { role: 'rowheader', class: 'grid-number' }, String(index + 1)),
      values.map((value, column) => {
        if (value === null || value === undefined) {
          return h('div', { role: 'gridcell', class: 'null' }, 'NULL');
        }
        let text = cellText(value);
        const title = text.length > 40 ? text.slice(0, 2000) : null;
        if (text.length > MAX_CELL_CHARS) text = `${text.slice(0, MAX_CELL_CHARS)}…`;
        return h('div', { role: 'gridcell', class: this.numeric[column] ? 'numeric' : '', title }, text);
      }),
    );
    row.style.gridTemplateColumns = this.template;
    return row;
  }

  private onKey(event: KeyboardEvent): void {
    const viewport = this.viewport;
    const page = Math.max(ROW_HEIGHT, viewport.clientHeight - 2 * ROW_HEIGHT);
    const moves: Record<string, () => void> = {
      ArrowDown: () => (viewport.scrollTop += ROW_HEIGHT),
      ArrowUp: () => (viewport.scrollTop -= ROW_HEIGHT),
      PageDown: () => (viewport.scrollTop += page),
      PageUp: () => (viewport.scrollTop -= page),
      Home: () => (viewport.scrollTop = 0),
      End: () => (viewport.scrollTop = viewport.scrollHeight),
      ArrowRight: () => (viewport.scrollLeft += 120),
      ArrowLeft: () => (viewport.scrollLeft -= 120),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    move();
  }
}

// Pixel widths from the header and the first rows' text, within [72, 360].
function columnWidths({ columns, types, results }: QueryResult): number[] {
  const sample = results.slice(0, 200);
  return columns.map((name, column) => {
    let chars = Math.max(name.length, types[column].length * 0.8);
    for (const row of sample) chars = Math.max(chars, Math.min(60, cellText(row[column]).length));
    return Math.round(Math.min(360, Math.max(72, chars * 8 + 24)));
  });
}
