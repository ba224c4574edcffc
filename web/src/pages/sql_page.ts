// The SQL editor: a HogQL query, Ctrl/Cmd+Enter or Run to run it, the results in a virtualised
// grid with a chart when they have a time or category column, CSV export, errors marked at their
// position in the query, and the query history.
import { HistoryList } from '../components/history_list';
import { HogQLEditor } from '../components/hogql_editor';
import { ResultsChart } from '../components/results_chart';
import { ResultsGrid } from '../components/results_grid';
import { ApiError } from '../lib/api';
import type { QueryResult } from '../lib/api_types';
import { chooseChart } from '../lib/chart_data';
import type { AppContext, Page } from '../lib/context';
import { download, toCsv } from '../lib/csv';
import { h, replaceChildren, setText } from '../lib/dom';
import { formatCount } from '../lib/format';
import { QueryHistory } from '../lib/query_history';

const DEFAULT_QUERY =
  'SELECT event, count() AS events\nFROM events\nGROUP BY event\nORDER BY events DESC\nLIMIT 20';
const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform);

export class SqlPage implements Page {
  readonly title = 'SQL editor';
  readonly element: HTMLElement;
  private readonly editor: HogQLEditor;
  private readonly history: QueryHistory;
  private readonly historyList: HistoryList;
  private readonly runButton: HTMLButtonElement;
  private readonly exportButton: HTMLButtonElement;
  private readonly status = h('p', { class: 'run-status', role: 'status' });
  private readonly errorBox = h('div', { class: 'query-error', role: 'alert' });
  private readonly resultsHost = h('section', { class: 'results', 'aria-label': 'Results' });
  private readonly chartHost = h('div', { class: 'chart-host' });
  private chart: ResultsChart | null = null;
  private result: QueryResult | null = null;
  private running = false;
  private disposed = false;

  constructor(
    private readonly context: AppContext,
    params: URLSearchParams,
  ) {
    this.history = new QueryHistory(context.api.session.projectId);
    const fromLink = params.get('q');
    const initial = fromLink ?? this.history.entries()[0]?.sql ?? DEFAULT_QUERY;
    this.editor = new HogQLEditor(initial, () => void this.run(), 'query-label');
    this.runButton = h(
      'button',
      {
        type: 'button',
        class: 'primary',
        'aria-keyshortcuts': 'Control+Enter Meta+Enter',
        onclick: () => void this.run(),
      },
      'Run ',
      h('kbd', { 'aria-hidden': 'true' }, IS_MAC ? '⌘↵' : 'Ctrl+Enter'),
    );
    this.exportButton = h(
      'button',
      { type: 'button', disabled: true, onclick: () => this.exportCsv() },
      'Export CSV',
    );
    this.historyList = new HistoryList(this.history, (sql) => {
      this.editor.text = sql;
      this.editor.focus();
    });
    this.element = h(
      'section',
      { class: 'page sql-page', 'aria-labelledby': 'sql-title' },
      h('h1', { id: 'sql-title', class: 'page-title' }, 'SQL editor'),
      h(
        'div',
        { class: 'sql-layout' },
        h(
          'div',
          { class: 'sql-main' },
          h('span', { id: 'query-label', class: 'label' }, 'HogQL query'),
          this.editor.element,
          h('div', { class: 'toolbar' }, this.runButton, this.exportButton, this.status),
          this.errorBox,
          this.resultsHost,
          this.chartHost,
        ),
        this.historyList.element,
      ),
    );
    context
      .catalog()
      .then((catalog) => this.disposed || this.editor.setCatalog(catalog))
      .catch(() => {});
    if (fromLink !== null && params.get('run') !== '0') queueMicrotask(() => void this.run());
  }

  dispose(): void {
    this.disposed = true;
    this.chart?.dispose();
    this.editor.view.destroy();
  }

  async run(): Promise<void> {
    if (this.running) return;
    const sql = this.editor.text.trim();
    if (!sql) {
      setText(this.status, 'Write a query first.');
      return;
    }
    this.running = true;
    this.editor.closeCompletion();
    this.resultsHost.setAttribute('aria-busy', 'true');
    setText(this.status, 'Running…');
    replaceChildren(this.errorBox);
    this.editor.clearError();
    const started = performance.now();
    try {
      const result = await this.context.api.query(sql);
      if (this.disposed) return;
      const ms = Math.round(performance.now() - started);
      this.show(result);
      setText(this.status, `${formatCount(result.results.length)} rows in ${formatCount(ms)} ms`);
      this.history.add({ sql, at: new Date().toISOString(), rows: result.results.length, error: null });
    } catch (error) {
      if (this.disposed) return;
      this.showError(error);
      this.history.add({
        sql,
        at: new Date().toISOString(),
        rows: null,
        error: String((error as Error).message),
      });
    } finally {
      this.running = false;
      this.resultsHost.removeAttribute('aria-busy');
      // How many queries finished: lets scripts (and tests) wait for the next one.
      this.element.dataset.runs = String(Number(this.element.dataset.runs ?? 0) + 1);
      this.historyList.refresh();
    }
  }

  private show(result: QueryResult): void {
    this.result = result;
    this.exportButton.disabled = false;
    replaceChildren(this.resultsHost, new ResultsGrid(result).element);
    this.chart?.dispose();
    this.chart = null;
    const choice = chooseChart(result);
    if (choice && result.results.length > 0) {
      this.chart = new ResultsChart(result, choice);
      replaceChildren(this.chartHost, this.chart.element);
    } else {
      replaceChildren(this.chartHost);
    }
  }

  private showError(error: unknown): void {
    setText(this.status, 'The query failed.');
    const message = error instanceof Error ? error.message : String(error);
    const position = error instanceof ApiError ? error.position : null;
    if (position) {
      const where = this.editor.showError(position.start, position.end, message);
      replaceChildren(this.errorBox, h('strong', {}, `Error at ${where}: `), message);
    } else {
      replaceChildren(this.errorBox, h('strong', {}, 'Error: '), message);
    }
  }

  private exportCsv(): void {
    if (!this.result) return;
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    download(`larder-query-${stamp}.csv`, toCsv(this.result));
  }
}
