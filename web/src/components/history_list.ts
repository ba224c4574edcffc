// The query history beside the editor: each past query as a button that loads it.
import { h, replaceChildren } from '../lib/dom';
import { formatCount, formatRelative } from '../lib/format';
import type { QueryHistory } from '../lib/query_history';

export class HistoryList {
  readonly element: HTMLElement;
  private readonly list = h('ol', { class: 'history-list' });

  constructor(
    private readonly history: QueryHistory,
    private readonly onPick: (sql: string) => void,
  ) {
    const clear = h(
      'button',
      { type: 'button', class: 'link-button', onclick: () => (this.history.clear(), this.refresh()) },
      'Clear',
    );
    this.element = h(
      'aside',
      { class: 'history', 'aria-labelledby': 'history-title' },
      h('div', { class: 'history-head' }, h('h2', { id: 'history-title' }, 'History'), clear),
      this.list,
    );
    this.refresh();
  }

  refresh(): void {
    const entries = this.history.entries();
    if (entries.length === 0) {
      replaceChildren(this.list, h('li', { class: 'hint' }, 'Queries you run appear here.'));
      return;
    }
    replaceChildren(
      this.list,
      entries.map((entry) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'history-entry',
              title: entry.sql,
              onclick: () => this.onPick(entry.sql),
            },
            h('code', {}, entry.sql.length > 240 ? `${entry.sql.slice(0, 240)}…` : entry.sql),
            h(
              'span',
              { class: entry.error ? 'history-meta error-text' : 'history-meta' },
              `${formatRelative(entry.at)} · ${entry.error ? 'failed' : `${formatCount(entry.rows)} rows`}`,
            ),
          ),
        ),
      ),
    );
  }
}
