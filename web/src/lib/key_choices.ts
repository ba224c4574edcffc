// Which sync types and replication keys a table allows, as select options that also say why the
// others are not offered.
import type { DiscoveredTable, SyncType } from './api_types';
import { h } from './dom';

export const KEY_TYPES = 'integer, numeric, date, datetime or timestamp';

export const SYNC_TYPES: [SyncType, string][] = [
  ['full_refresh', 'Full refresh'],
  ['append', 'Append'],
  ['incremental', 'Incremental'],
];

// What append does for a table made of files (a bucket or folder source), which needs no key.
export const FILES_APPEND = 'loads only files not loaded before';

// Why `type` cannot be used for `table`, or null when it can. A null table (not yet known)
// allows everything. A table made of `files` appends without a key and has no primary key.
export function syncTypeRefusal(table: DiscoveredTable | null, type: SyncType, files = false): string | null {
  if (files) return type === 'incremental' ? 'files have no primary key to merge on' : null;
  if (!table || type === 'full_refresh') return null;
  if (table.incremental_fields.length === 0) return `no ${KEY_TYPES} column to use as the replication key`;
  if (type === 'incremental' && !table.incremental_available) return 'needs a primary key to merge on';
  return null;
}

export function syncTypeOptions(
  table: DiscoveredTable | null,
  current: SyncType,
  files = false,
): HTMLOptionElement[] {
  return SYNC_TYPES.map(([value, label]) => {
    const refusal = syncTypeRefusal(table, value, files);
    return h(
      'option',
      { value, selected: value === current, disabled: refusal !== null && value !== current },
      refusal ? `${label} — ${refusal}` : label,
    );
  });
}

// The key choice of a table made of files: none is needed.
export function noKeyOption(): HTMLOptionElement {
  return h('option', { value: '', selected: true }, 'Not needed');
}

// The key options: the allowed columns, then the others, disabled, each with its reason.
export function keyOptions(table: DiscoveredTable | null, current: string | null): HTMLElement[] {
  if (!table) {
    return [h('option', { value: current ?? '', selected: true }, current ?? '—')];
  }
  const allowed = table.incremental_fields.map((field) =>
    h(
      'option',
      { value: field.field, selected: field.field === current },
      `${field.field} (${field.field_type}${field.indexed ? ', indexed' : ''})`,
    ),
  );
  const allowedNames = new Set(table.incremental_fields.map((field) => field.field));
  const refused = table.columns
    .filter((column) => !allowedNames.has(column.name))
    .map((column) =>
      h(
        'option',
        { value: column.name, disabled: true },
        `${column.name} — ${column.type} is not ${KEY_TYPES}`,
      ),
    );
  const options: HTMLElement[] = [
    h(
      'option',
      { value: '', selected: !current, disabled: allowed.length > 0 },
      allowed.length ? 'Choose a key…' : 'No column can be a key',
    ),
    ...allowed,
  ];
  if (refused.length) options.push(h('optgroup', { label: 'Not allowed as a replication key' }, refused));
  return options;
}

// The key to suggest: an indexed timestamp-like column first, then any indexed one, then the first.
export function defaultKey(table: DiscoveredTable): string | null {
  const fields = table.incremental_fields;
  const rank = (f: (typeof fields)[number]) => (f.indexed ? 0 : 2) + (/date|time/.test(f.field_type) ? 0 : 1);
  return [...fields].sort((a, b) => rank(a) - rank(b))[0]?.field ?? null;
}
