// The wizard's connection step for files queried in place: the bucket's or folder's settings and
// the table's name, checked and linked in one go by warehouse_tables/ (nothing is copied; every
// query reads the files). An error is shown beside the setting it is about.
import { FormField } from '../components/form_field';
import { ApiError } from '../lib/api';
import type { WarehouseTable, WarehouseTableRequest } from '../lib/api_types';
import type { AppContext } from '../lib/context';
import { h, setText } from '../lib/dom';
import { settingOfError, type SourceKind } from '../lib/source_kinds';
import { SettingFields, type Settings } from './setting_fields';

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class InPlaceForm {
  readonly element: HTMLElement;
  private readonly fields: SettingFields;
  private readonly name: FormField;
  private nameEdited = false;
  private readonly formError = h('p', { class: 'error-text', role: 'alert' });
  private readonly submit = h('button', { type: 'submit', class: 'primary' }, 'Link table');

  constructor(
    private readonly context: AppContext,
    readonly kind: SourceKind,
    private readonly onLinked: (table: WarehouseTable) => void,
    back: HTMLElement,
  ) {
    this.fields = new SettingFields(kind);
    this.name = new FormField(
      'Table name',
      h('input', {
        type: 'text',
        name: 'table_name',
        autocomplete: 'off',
        spellcheck: 'false',
        required: true,
        oninput: () => (this.nameEdited = true),
      }),
      'The name queries use for these files. Letters, digits and underscores.',
    );
    // Until a name is typed, it follows the pattern's last folder ("…/orders/*.csv" → orders).
    this.fields.control('url')?.addEventListener('input', (event) => {
      if (this.nameEdited) return;
      this.name.control.value = nameFromPattern((event.target as HTMLInputElement).value);
    });
    this.element = h(
      'form',
      { class: 'credentials', novalidate: true, onsubmit: (event: Event) => void this.link(event) },
      h('div', { class: 'field-grid' }, this.fields.elements, this.name.element),
      this.formError,
      h('div', { class: 'wizard-actions' }, back, this.submit),
    );
  }

  private async link(event: Event): Promise<void> {
    event.preventDefault();
    setText(this.formError, '');
    this.fields.clearErrors();
    this.name.setError(null);
    const settings = this.fields.read();
    if (!settings) return;
    const name = this.name.value;
    if (!NAME_PATTERN.test(name)) {
      this.name.setError(
        name ? 'Use letters, digits and underscores, not starting with a digit.' : 'Table name is required.',
      );
      this.name.control.focus();
      return;
    }
    this.submit.disabled = true;
    setText(this.submit, 'Checking the files…');
    try {
      this.onLinked(await this.context.api.createWarehouseTable(tableRequest(name, settings)));
    } catch (error) {
      const message = error instanceof ApiError ? error.message : String(error);
      const status = error instanceof ApiError ? error.status : 0;
      if (status === 409 || /table name/i.test(message)) {
        this.name.setError(status === 409 ? `${message}. Choose another name.` : message);
        this.name.control.focus();
      } else if (
        !this.fields.showError(settingOfError(message, status, this.kind.sourceType, settings), message)
      ) {
        setText(this.formError, message);
      }
    } finally {
      this.submit.disabled = false;
      setText(this.submit, 'Link table');
    }
  }
}

// The request body of warehouse_tables/ from the kind's settings (see the README's HTTP API).
function tableRequest(name: string, settings: Settings): WarehouseTableRequest {
  const text = (key: string) => (settings[key] === undefined ? undefined : String(settings[key]));
  const credential = {
    access_key: text('access_key_id'),
    access_secret: text('secret_access_key'),
    session_token: text('session_token'),
  };
  return {
    name,
    url_pattern: text('url') ?? '',
    format: text('format') ?? '',
    ...(Object.values(credential).some(Boolean) ? { credential } : {}),
    region: text('region'),
    endpoint: text('endpoint'),
  };
}

// A table name from a pattern: its last folder without globs, made a valid identifier.
export function nameFromPattern(pattern: string): string {
  const folders = pattern
    .replace(/^[a-z0-9]+:\/\/+/i, '')
    .split('/')
    .slice(0, -1)
    .filter((part) => part && !/[*?{}[\]]/.test(part));
  const name = (folders.at(-1) ?? '').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(name) ? `t_${name}` : name;
}
