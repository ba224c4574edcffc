// The tables browser: every table a query can name (events, persons, synced, imported,
// self-managed, views) with its columns and types; a table's button opens the SQL editor on a
// query of it. Self-managed tables show the files they read and can be unlinked.
import { confirmAction } from '../components/confirm_dialog';
import type { TableInfo, WarehouseTable } from '../lib/api_types';
import type { AppContext, Page } from '../lib/context';
import { h, replaceChildren, setText } from '../lib/dom';
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
  private readonly problem = h('p', { class: 'error-text', role: 'alert' });
  private readonly notice = h('p', { class: 'hint', role: 'status' });
  private readonly filterInput: HTMLInputElement;
  private tables: TableInfo[] = [];
  // The self-managed tables by name (warehouse_tables/): their ids and URL patterns.
  private files = new Map<string, WarehouseTable>();
  private filter = '';

  constructor(private readonly context: AppContext) {
    const filter = (this.filterInput = h('input', {
      type: 'search',
      id: 'table-filter',
      placeholder: 'orders, distinct_id, …',
      oninput: (e: Event) => {
        this.filter = (e.target as HTMLInputElement).value;
        this.render();
      },
    }));
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
      this.problem,
      this.notice,
      this.list,
    );
    replaceChildren(this.list, h('p', { class: 'hint' }, 'Loading tables…'));
    context.invalidateCatalog();
    // Without warehouse_tables/ the self-managed tables are still listed, only not unlinkable.
    const files = context.api.warehouseTables().catch(() => [] as WarehouseTable[]);
    Promise.all([context.catalog(), files])
      .then(([catalog, linked]) => {
        this.tables = catalog.tables;
        this.files = new Map(linked.map((table) => [table.name, table]));
        this.render();
      })
      .catch((error) =>
        replaceChildren(this.list, h('p', { class: 'error-text', role: 'alert' }, String(error.message))),
      );
  }

  private render(): void {
    const needle = this.filter.trim().toLowerCase();
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
    const files = table.kind === 'self_managed' ? this.files.get(table.name) : undefined;
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
      files ? this.filesLine(files) : null,
      table.error ? h('p', { class: 'error-text' }, table.error) : null,
      details,
    );
  }

  // Where a self-managed table's files are, and its Unlink button.
  private filesLine(files: WarehouseTable): HTMLElement {
    return h(
      'div',
      { class: 'files-line' },
      h(
        'p',
        {},
        'Read in place from ',
        h('code', { class: 'url' }, files.url_pattern),
        files.format ? ` (${files.format})` : null,
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'small danger',
          'aria-label': `Unlink ${files.name}`,
          onclick: () => void this.unlink(files),
        },
        'Unlink',
      ),
    );
  }

  private async unlink(files: WarehouseTable): Promise<void> {
    const ok = await confirmAction(
      `Unlink ${files.name}?`,
      `Queries can no longer read ${files.name}. The files at ${files.url_pattern} are not touched; link them again at any time.`,
      'Unlink',
    );
    if (!ok) return;
    setText(this.problem, '');
    try {
      await this.context.api.deleteWarehouseTable(files.id);
      this.context.invalidateCatalog();
      this.tables = this.tables.filter((table) => table.name !== files.name);
      this.files.delete(files.name);
      this.render();
      setText(this.notice, `Unlinked ${files.name}; its files are not touched.`);
      this.filterInput.focus();
    } catch (error) {
      setText(this.problem, `Could not unlink ${files.name}: ${(error as Error).message}`);
    }
  }
}
