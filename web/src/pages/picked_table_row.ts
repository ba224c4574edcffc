// One table in the wizard's tables step: whether to sync it, its sync type and its replication
// key (only the allowed ones offered, the others with the reason).
import type { DiscoveredTable, SyncType } from '../lib/api_types';
import { h } from '../lib/dom';
import { formatCount } from '../lib/format';
import { defaultKey, keyOptions, noKeyOption, syncTypeOptions } from '../lib/key_choices';
import type { TableChoice } from './table_picker';

export class PickedTable {
  readonly row: HTMLTableRowElement;
  private readonly enabled: HTMLInputElement;
  private readonly syncType: HTMLSelectElement;
  private readonly key: HTMLSelectElement;

  // `files`: the table is made of the files of a bucket or folder (append needs no key).
  constructor(
    readonly table: DiscoveredTable,
    private readonly files = false,
  ) {
    const name = table.table;
    this.enabled = h('input', { type: 'checkbox', 'aria-label': `Sync ${name}` });
    this.syncType = h(
      'select',
      { 'aria-label': `Sync type of ${name}`, onchange: () => this.syncTypeChanged() },
      syncTypeOptions(table, 'full_refresh', files),
    );
    this.key = h(
      'select',
      { 'aria-label': `Replication key of ${name}`, disabled: true },
      files ? noKeyOption() : keyOptions(table, null),
    );
    this.row = h(
      'tr',
      {},
      h('td', { 'data-label': 'Sync' }, this.enabled),
      h(
        'th',
        { scope: 'row', 'data-label': 'Table' },
        name,
        h('br'),
        h(
          'span',
          { class: 'hint' },
          `${table.columns.length} columns${table.primary_key.length ? ` · key ${table.primary_key.join(', ')}` : ' · no primary key'}`,
        ),
      ),
      h('td', { 'data-label': 'Rows (estimate)', class: 'numeric' }, formatCount(table.rows)),
      h('td', { 'data-label': 'Sync type' }, this.syncType),
      h('td', { 'data-label': 'Replication key' }, this.key),
    );
  }

  get checked(): boolean {
    return this.enabled.checked;
  }

  set checked(value: boolean) {
    this.enabled.checked = value;
  }

  choice(): TableChoice {
    const type = this.syncType.value as SyncType;
    return {
      name: this.table.table,
      should_sync: this.enabled.checked,
      sync_type: type,
      incremental_field: type === 'full_refresh' || this.files ? null : this.key.value || null,
    };
  }

  private syncTypeChanged(): void {
    const full = this.syncType.value === 'full_refresh';
    this.key.disabled = full || this.files;
    if (!full && !this.files && !this.key.value) this.key.value = defaultKey(this.table) ?? '';
    this.enabled.checked = true;
  }
}
