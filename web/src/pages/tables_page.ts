// The tables browser: every table a query can name (events, persons, synced, imported, views)
// with its columns and types; a table's button opens the SQL editor on a query of it.
import type { TableInfo } from '../lib/api_types';
import type { AppContext, Page } from '../lib/context';
import { h, replaceChildren } from '../lib/dom';
import { formatCount } from '../lib/format';
import { tableQuery } from '../lib/table_query';

const GROUPS: [TableInfo['kind'], string][] = [
  ['events', 'Events'],
  ['persons', 'Persons'],
  ['synced', 'Synced from sources'],
  ['imported', 'Imported files'],
  ['self_managed', 'Self-managed'],
  ['view', 'Views'],
];

export class TablesPage implements Page {
  readonly title = 'Tables';
  readonly element: HTMLElement;
  private readonly list = h('div', { class: 'table-groups', 'aria-live': 'polite' });
  private tables: TableInfo[] = [];

  constructor(context: AppContext) {
    const filter = h('input', {
      type: 'search',
      id: 'table-filter',
      placeholder: 'orders, distinct_id, …',
      oninput: (e: Event) => this.render((e.target as HTMLInputElement).value),
    });
    this.element = h(
      'section',
      { class: 'page', 'aria-labelledby': 'tables-title' },
      h('div', { class: 'page-head' }, h('h1', { id: 'tables-title' }, 'Tables')),
      h(
        'div',
        { class: 'field inline' },
        h('label', { for: 'table-filter' }, 'Filter tables and columns'),
        filter,
      ),
      this.list,
    );
    replaceChildren(this.list, h('p', { class: 'hint' }, 'Loading tables…'));
    context.invalidateCatalog();
    context
      .catalog()
      .then((catalog) => {
        this.tables = catalog.tables;
        this.render('');
      })
      .catch((error) =>
        replaceChildren(this.list, h('p', { class: 'error-text', role: 'alert' }, String(error.message))),
      );
  }

  private render(filter: string): void {
    const needle = filter.trim().toLowerCase();
    const matches = (table: TableInfo) =>
      !needle ||
      table.name.toLowerCase().includes(needle) ||
      table.columns.some((c) => c.name.toLowerCase().includes(needle));
    const groups = GROUPS.map(([kind, label]) => {
      const tables = this.tables.filter((table) => table.kind === kind && matches(table));
      if (tables.length === 0) return null;
      return h(
        'section',
        { class: 'table-group', 'aria-label': label },
        h('h2', {}, label),
        h(
          'ul',
          { class: 'table-cards' },
          tables.map((table) => h('li', {}, this.card(table, needle))),
        ),
      );
    });
    const shown = groups.filter(Boolean);
    replaceChildren(
      this.list,
      shown.length ? shown : h('p', { class: 'hint' }, 'No table or column matches.'),
    );
  }

  private card(table: TableInfo, needle: string): HTMLElement {
    const meta = [
      table.row_count === null ? null : `${formatCount(table.row_count)} rows`,
      `${table.columns.length} columns`,
      table.source ? `from ${table.source.source_type} table ${table.source.table}` : null,
    ].filter(Boolean);
    const columns = h(
      'table',
      { class: 'columns' },
      h('caption', { class: 'visually-hidden' }, `Columns of ${table.name}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Column'), h('th', { scope: 'col' }, 'Type'))),
      h(
        'tbody',
        {},
        table.columns.map((column) =>
          h(
            'tr',
            { class: needle && column.name.toLowerCase().includes(needle) ? 'match' : null },
            h('td', {}, h('code', {}, column.name)),
            h('td', { class: 'type' }, column.type),
          ),
        ),
      ),
    );
    const details = h(
      'details',
      { open: needle !== '' || this.tables.length <= 12 },
      h('summary', {}, 'Columns'),
      columns,
    );
    return h(
      'article',
      { class: 'table-card', 'aria-label': table.name },
      h(
        'div',
        { class: 'table-card-head' },
        h(
          'a',
          {
            href: `/sql?q=${encodeURIComponent(tableQuery(table.name))}`,
            class: 'table-name',
            'aria-label': `Query ${table.name}`,
          },
          h('code', {}, table.name),
        ),
        h('span', { class: 'hint' }, meta.join(' · ')),
      ),
      table.error ? h('p', { class: 'error-text' }, table.error) : null,
      details,
    );
  }
}
