// One table of a linked source on the data warehouse page: whether and how it syncs (sync type,
// replication key, frequency, time of day), where it lands, its status and live progress, its
// actions (sync now, resync, cancel, delete data) and its job history.
import { confirmAction } from '../components/confirm_dialog';
import { statusBadge, updateStatusBadge } from '../components/status_badge';
import type { SchemaAction, SchemaChange } from '../lib/api';
import type { DiscoveredTable, SchemaInfo, SyncType } from '../lib/api_types';
import type { AppContext } from '../lib/context';
import { h, setText } from '../lib/dom';
import { FREQUENCIES, formatBytes, formatCount, formatRelative, formatTime } from '../lib/format';
import {
  defaultKey,
  FILES_APPEND,
  KEY_TYPES,
  keyOptions,
  noKeyOption,
  syncTypeOptions,
} from '../lib/key_choices';
import { tableQuery } from '../lib/table_query';
import { JobHistory } from './job_history';

const COLUMNS = 8;

export class SchemaRow {
  readonly element: HTMLTableSectionElement;
  private schema: SchemaInfo;
  private keyInfo: DiscoveredTable | null = null;
  private readonly enabled: HTMLInputElement;
  private readonly syncType: HTMLSelectElement;
  private readonly key: HTMLSelectElement;
  private readonly keyHint = h('p', { class: 'hint' });
  private readonly frequency: HTMLSelectElement;
  private readonly timeOfDay: HTMLInputElement;
  private readonly badge = statusBadge(null);
  private readonly progress = h('p', { class: 'progress', 'aria-live': 'polite' });
  private readonly error = h('p', { class: 'error-text' });
  private readonly lastSynced = h('span');
  private readonly nextSync = h('span', { class: 'hint' });
  private readonly rows = h('span', { class: 'hint' });
  private readonly queryLink = h('a', { href: '/sql', class: 'larder-table' });
  private readonly cancel: HTMLButtonElement;
  private readonly historyToggle: HTMLButtonElement;
  private readonly historyRow: HTMLTableRowElement;
  private readonly history: JobHistory;
  private readonly message = h('p', { class: 'row-message', role: 'alert' });
  private saving = false;

  // `files`: the table is made of the files of a bucket or folder (append needs no key).
  constructor(
    private readonly context: AppContext,
    schema: SchemaInfo,
    private readonly onChanged: () => void,
    private readonly files = false,
  ) {
    this.schema = schema;
    const name = schema.name;
    this.enabled = h('input', {
      type: 'checkbox',
      'aria-label': `Sync ${name}`,
      onchange: () => this.save({ should_sync: this.enabled.checked }),
    });
    this.syncType = h('select', {
      'aria-label': `Sync type of ${name}`,
      onchange: () => this.changeSyncType(),
    });
    this.key = h('select', {
      'aria-label': `Replication key of ${name}`,
      onchange: () => this.save({ incremental_field: this.key.value }),
    });
    this.frequency = h(
      'select',
      {
        'aria-label': `Sync frequency of ${name}`,
        onchange: () => this.save({ sync_frequency: this.frequency.value }),
      },
      FREQUENCIES.map(([value, label]) => h('option', { value }, label)),
    );
    this.timeOfDay = h('input', {
      type: 'time',
      'aria-label': `Time of day (UTC) of ${name}'s syncs`,
      onchange: () => this.save({ sync_time_of_day: this.timeOfDay.value || null }),
    });
    const action = (label: string, run: () => void, extra: Record<string, string> = {}) =>
      h(
        'button',
        { type: 'button', class: 'small', 'aria-label': `${label} ${name}`, onclick: run, ...extra },
        label,
      );
    this.cancel = action('Cancel', () => void this.act('cancel'));
    this.historyToggle = action('History', () => void this.toggleHistory(), { 'aria-expanded': 'false' });
    this.history = new JobHistory(context.api, schema.id, name);
    this.historyRow = h(
      'tr',
      { class: 'history-row', hidden: true },
      h('td', { colspan: COLUMNS }, this.history.element),
    );
    const tableCell = h(
      'th',
      { scope: 'row', 'data-label': 'Table' },
      h('span', { class: 'schema-name' }, name),
      h('span', { class: 'cell-line' }, this.queryLink),
      this.rows,
    );
    const mainRow = h(
      'tr',
      {},
      tableCell,
      h('td', { 'data-label': 'Sync' }, this.enabled),
      h('td', { 'data-label': 'Sync type' }, this.syncType),
      h('td', { 'data-label': 'Replication key' }, this.key, this.keyHint),
      h('td', { 'data-label': 'Frequency' }, this.frequency),
      h('td', { 'data-label': 'Time of day (UTC)' }, this.timeOfDay),
      h(
        'td',
        { 'data-label': 'Status' },
        this.badge,
        this.progress,
        h('span', { class: 'cell-line' }, 'Last synced ', this.lastSynced),
        this.nextSync,
        this.error,
      ),
      h(
        'td',
        { 'data-label': 'Actions', class: 'row-actions' },
        action('Sync now', () => void this.act('reload')),
        action('Resync', () => void this.act('resync')),
        this.cancel,
        action('Delete data', () => void this.act('delete_data')),
        this.historyToggle,
        this.message,
      ),
    );
    this.element = h('tbody', { class: 'schema' }, mainRow, this.historyRow);
    this.update(schema);
  }

  get id(): number {
    return this.schema.id;
  }

  // The source's answer for this table: which sync types and keys it allows.
  setKeyInfo(info: DiscoveredTable | null, problem?: string): void {
    this.keyInfo = info;
    if (problem) setText(this.keyHint, `Could not ask the source for key columns: ${problem}`);
    this.renderChoices();
  }

  update(schema: SchemaInfo): void {
    const previous = this.schema;
    this.schema = schema;
    const editing = this.saving || this.element.contains(document.activeElement);
    if (!editing) {
      this.enabled.checked = schema.should_sync;
      this.frequency.value = schema.sync_frequency;
      this.timeOfDay.value = schema.sync_time_of_day ?? '';
      this.renderChoices();
    }
    this.queryLink.href = `/sql?q=${encodeURIComponent(tableQuery(schema.table.name))}`;
    setText(this.queryLink, schema.table.name);
    this.queryLink.setAttribute('aria-label', `Query ${schema.table.name}`);
    this.queryLink.title = `Query ${schema.table.name} in the SQL editor`;
    updateStatusBadge(this.badge, schema.status ?? 'Not synced');
    const progress = schema.progress;
    setText(
      this.progress,
      progress
        ? `${progress.resync ? 'Resync · ' : ''}${progress.phase} · ${formatCount(progress.rows_synced)} rows · ${formatBytes(progress.bytes)}`
        : '',
    );
    setText(this.error, schema.latest_error ?? '');
    setText(this.lastSynced, formatRelative(schema.last_synced_at));
    this.lastSynced.title = formatTime(schema.last_synced_at);
    setText(
      this.nextSync,
      schema.next_sync_at && schema.should_sync ? `Next ${formatRelative(schema.next_sync_at)}` : '',
    );
    setText(this.rows, `${formatCount(schema.table.row_count)} rows`);
    this.cancel.hidden = progress === null;
    const finished =
      previous.status !== schema.status || (previous.progress !== null) !== (progress !== null);
    if (!this.historyRow.hidden && finished) void this.history.load();
  }

  // Running, queued, or enabled and waiting for its first sync: worth polling often.
  get running(): boolean {
    const { progress, status, should_sync } = this.schema;
    return progress !== null || status === 'Running' || (should_sync && status === null);
  }

  private renderChoices(): void {
    const { sync_type, incremental_field } = this.schema;
    if (this.files) {
      this.syncType.replaceChildren(...syncTypeOptions(null, sync_type, true));
      this.key.replaceChildren(noKeyOption());
      this.key.disabled = true;
      setText(this.keyHint, sync_type === 'append' ? `Append ${FILES_APPEND}.` : '');
      return;
    }
    this.syncType.replaceChildren(...syncTypeOptions(this.keyInfo, sync_type));
    const full = sync_type === 'full_refresh';
    this.key.replaceChildren(
      ...(full ? [h('option', { value: '' }, 'Not needed')] : keyOptions(this.keyInfo, incremental_field)),
    );
    this.key.disabled = full;
    if (!this.keyHint.textContent?.startsWith('Could not'))
      setText(this.keyHint, full ? '' : `Keys must be ${KEY_TYPES} columns.`);
  }

  private changeSyncType(): void {
    const type = this.syncType.value as SyncType;
    const change: SchemaChange = { sync_type: type };
    if (type !== 'full_refresh' && !this.files && !this.schema.incremental_field && this.keyInfo) {
      const key = defaultKey(this.keyInfo);
      if (key) change.incremental_field = key;
    }
    void this.save(change);
  }

  private async save(change: SchemaChange): Promise<void> {
    this.saving = true;
    setText(this.message, '');
    try {
      this.update(await this.context.api.updateSchema(this.schema.id, change));
      this.onChanged();
    } catch (error) {
      setText(this.message, (error as Error).message);
    } finally {
      this.saving = false;
      const focused = document.activeElement;
      this.update(this.schema);
      if (focused instanceof HTMLElement && this.element.contains(focused)) focused.focus();
    }
  }

  private async act(action: SchemaAction): Promise<void> {
    const name = this.schema.name;
    if (action === 'resync') {
      const ok = await confirmAction(
        `Resync ${name}?`,
        `All of ${name} is loaded again from scratch. ${this.schema.table.name} stays queryable with its current rows until the new copy is swapped in.`,
        'Resync',
      );
      if (!ok) return;
    }
    if (action === 'delete_data') {
      const ok = await confirmAction(
        `Delete the data of ${name}?`,
        `The table ${this.schema.table.name} and its ${formatCount(this.schema.table.row_count)} rows are dropped. The table stays linked: its next sync loads it again.`,
        'Delete data',
      );
      if (!ok) return;
    }
    setText(this.message, '');
    try {
      this.update(await this.context.api.schemaAction(this.schema.id, action));
      if (action === 'delete_data') this.context.invalidateCatalog();
      this.onChanged();
    } catch (error) {
      setText(this.message, (error as Error).message);
    }
  }

  private async toggleHistory(): Promise<void> {
    const open = this.historyRow.hidden;
    this.historyRow.hidden = !open;
    this.historyToggle.setAttribute('aria-expanded', String(open));
    if (open) {
      this.history.showLoading();
      await this.history.load();
    }
  }
}
