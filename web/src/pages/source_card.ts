// One linked source on the data warehouse page: its type, status, frequency, last run and rows,
// its actions (sync all now, delete), and, expanded, its tables (SchemaRow each).
import { confirmAction } from '../components/confirm_dialog';
import { statusBadge, updateStatusBadge } from '../components/status_badge';
import type { SourceInfo } from '../lib/api_types';
import type { AppContext } from '../lib/context';
import { h, setText } from '../lib/dom';
import { formatCount, formatRelative, formatTime, frequencyLabel } from '../lib/format';
import { SchemaRow } from './schema_row';

const TABLE_HEAD = [
  'Table',
  'Sync',
  'Sync type',
  'Replication key',
  'Frequency',
  'Time of day (UTC)',
  'Status',
  'Actions',
];

export class SourceCard {
  readonly element: HTMLElement;
  private source: SourceInfo;
  private readonly toggle: HTMLButtonElement;
  private readonly body: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly badge = statusBadge(null);
  private readonly frequency = h('dd');
  private readonly lastRun = h('dd');
  private readonly rows = h('dd');
  private readonly tableCount = h('dd');
  private readonly message = h('p', { class: 'row-message', role: 'alert' });
  private readonly schemaRows = new Map<number, SchemaRow>();
  private keysRequested = false;

  constructor(
    private readonly context: AppContext,
    source: SourceInfo,
    private readonly onChanged: () => void,
    expanded: boolean,
  ) {
    this.source = source;
    const bodyId = `source-${source.id}-tables`;
    const title = `${source.source_type}${source.prefix ? ` · ${source.prefix}` : ''}`;
    this.toggle = h(
      'button',
      {
        type: 'button',
        class: 'disclosure',
        'aria-expanded': 'false',
        'aria-controls': bodyId,
        onclick: () => this.setExpanded(this.body.hidden),
      },
      h('span', { class: 'source-title' }, title),
      h('span', { class: 'hint' }, ` source ${source.id}`),
    );
    this.table = h(
      'table',
      { class: 'schemas' },
      h('caption', { class: 'visually-hidden' }, `Tables of ${title}`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          TABLE_HEAD.map((text) => h('th', { scope: 'col' }, text)),
        ),
      ),
    );
    this.body = h(
      'div',
      { id: bodyId, class: 'source-body', hidden: true },
      h('div', { class: 'scroll-x' }, this.table),
    );
    const label = `${source.source_type} source ${source.id}`;
    this.element = h(
      'article',
      { class: 'source-card', 'aria-label': label },
      h(
        'div',
        { class: 'source-head' },
        h('h2', {}, this.toggle),
        h(
          'dl',
          { class: 'facts' },
          h('div', {}, h('dt', {}, 'Status'), h('dd', {}, this.badge)),
          h('div', {}, h('dt', {}, 'Frequency'), this.frequency),
          h('div', {}, h('dt', {}, 'Last run'), this.lastRun),
          h('div', {}, h('dt', {}, 'Rows'), this.rows),
          h('div', {}, h('dt', {}, 'Tables syncing'), this.tableCount),
        ),
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            {
              type: 'button',
              'aria-label': `Sync all tables of ${label} now`,
              onclick: () => void this.reload(),
            },
            'Sync all now',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              'aria-label': `Delete ${label}`,
              onclick: () => void this.remove(),
            },
            'Delete source',
          ),
          this.message,
        ),
      ),
      this.body,
    );
    this.update(source);
    if (expanded) this.setExpanded(true);
  }

  get id(): number {
    return this.source.id;
  }

  // Its tables are made of files (a bucket or folder): no replication key to ask the source for.
  private get files(): boolean {
    return this.source.source_type === 'Bucket';
  }

  get running(): boolean {
    return [...this.schemaRows.values()].some((row) => row.running);
  }

  update(source: SourceInfo): void {
    this.source = source;
    const syncing = source.schemas.filter((schema) => schema.should_sync);
    updateStatusBadge(this.badge, source.status);
    const frequencies = new Set(syncing.map((schema) => schema.sync_frequency));
    setText(
      this.frequency,
      frequencies.size === 0
        ? '—'
        : frequencies.size === 1
          ? frequencyLabel([...frequencies][0])
          : 'Varies by table',
    );
    setText(this.lastRun, formatRelative(source.last_run_at));
    this.lastRun.title = formatTime(source.last_run_at);
    setText(this.rows, formatCount(source.schemas.reduce((sum, schema) => sum + schema.table.row_count, 0)));
    setText(this.tableCount, `${syncing.length} of ${source.schemas.length}`);
    const seen = new Set<number>();
    for (const schema of source.schemas) {
      seen.add(schema.id);
      const row = this.schemaRows.get(schema.id);
      if (row) {
        row.update(schema);
      } else {
        const created = new SchemaRow(this.context, schema, this.onChanged, this.files);
        this.schemaRows.set(schema.id, created);
        this.table.appendChild(created.element);
      }
    }
    for (const [id, row] of this.schemaRows) {
      if (!seen.has(id)) {
        row.element.remove();
        this.schemaRows.delete(id);
      }
    }
  }

  private setExpanded(expanded: boolean): void {
    this.body.hidden = !expanded;
    this.toggle.setAttribute('aria-expanded', String(expanded));
    if (expanded && !this.keysRequested && !this.files) {
      this.keysRequested = true;
      void this.loadKeyChoices();
    }
  }

  // Asks the source, two tables at a time, which sync types and keys each table allows.
  private async loadKeyChoices(): Promise<void> {
    const queue = [...this.schemaRows.values()];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        try {
          row.setKeyInfo(await this.context.api.incrementalFields(row.id));
        } catch (error) {
          row.setKeyInfo(null, (error as Error).message);
        }
      }
    };
    await Promise.all([worker(), worker()]);
  }

  private async reload(): Promise<void> {
    setText(this.message, '');
    try {
      await this.context.api.reloadSource(this.source.id);
      this.onChanged();
    } catch (error) {
      setText(this.message, (error as Error).message);
    }
  }

  private async remove(): Promise<void> {
    const tables = this.source.schemas.map((schema) => schema.table.name);
    const ok = await confirmAction(
      `Delete ${this.source.source_type} source ${this.source.id}?`,
      `The source is unlinked and its ${tables.length} tables are dropped from Larder (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}). ${this.files ? 'The files themselves are' : 'The database itself is'} not touched. This cannot be undone.`,
      'Delete source',
    );
    if (!ok) return;
    try {
      await this.context.api.deleteSource(this.source.id);
      this.context.invalidateCatalog();
      this.element.remove();
      this.onChanged();
    } catch (error) {
      setText(this.message, (error as Error).message);
    }
  }
}
