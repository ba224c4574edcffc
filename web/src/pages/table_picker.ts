// The wizard's tables step: which of the database's tables to sync, each with its sync type and
// replication key (only the allowed ones offered, the others with the reason), and how often.
import type { DiscoveredTable, SyncType } from '../lib/api_types';
import { PickedTable } from './picked_table_row';
import { h, uniqueId } from '../lib/dom';
import { FREQUENCIES } from '../lib/format';
import { FILES_APPEND, KEY_TYPES } from '../lib/key_choices';

export interface TableChoice {
  name: string;
  should_sync: boolean;
  sync_type: SyncType;
  incremental_field: string | null;
}

export class TablePicker {
  readonly element: HTMLElement;
  readonly frequency: HTMLSelectElement;
  private readonly picked: PickedTable[];

  // `files`: the tables are made of the files of a bucket or folder (append needs no key).
  constructor(tables: DiscoveredTable[], files = false) {
    this.picked = tables.map((table) => new PickedTable(table, files));
    const all = h('input', {
      type: 'checkbox',
      'aria-label': 'Sync every table',
      onchange: (e: Event) =>
        this.picked.forEach((p) => (p.checked = (e.target as HTMLInputElement).checked)),
    });
    const frequencyId = uniqueId('frequency');
    this.frequency = h(
      'select',
      { id: frequencyId },
      FREQUENCIES.map(([value, label]) => h('option', { value, selected: value === '6hour' }, label)),
    );
    this.element = h(
      'div',
      { class: 'table-picker' },
      h(
        'p',
        {},
        files
          ? `The files the pattern matches make ${tables.length === 1 ? 'one table' : `${tables.length} tables`}. Full refresh reloads every file at each sync; append ${FILES_APPEND} (a changed file is loaded again). Incremental is not offered: files have no primary key to merge on.`
          : `${tables.length} tables found. Choose what to sync. Append and incremental syncs read only new rows by a replication key, which must be ${KEY_TYPES} column; incremental also merges updated rows on the primary key.`,
      ),
      h(
        'div',
        { class: 'scroll-x' },
        h(
          'table',
          { class: 'schemas picker' },
          h('caption', { class: 'visually-hidden' }, 'Tables of the database'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, all),
              ...['Table', 'Rows (estimate)', 'Sync type', 'Replication key'].map((text) =>
                h('th', { scope: 'col' }, text),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            this.picked.map((p) => p.row),
          ),
        ),
      ),
      h('div', { class: 'field inline' }, h('label', { for: frequencyId }, 'Sync frequency'), this.frequency),
    );
  }

  choices(): TableChoice[] {
    return this.picked.map((p) => p.choice());
  }
}
