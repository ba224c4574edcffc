// The wizard's connection step: the chosen source's settings, checked by listing the database's
// tables (database_schema/); an error is shown beside the setting it is about.
import { FormField } from '../components/form_field';
import { ApiError } from '../lib/api';
import type { DiscoveredTable } from '../lib/api_types';
import type { AppContext } from '../lib/context';
import { h, setText } from '../lib/dom';
import { settingOfError, type SourceKind } from '../lib/source_kinds';
import { SettingFields, type Settings } from './setting_fields';

export interface Connection {
  kind: SourceKind;
  prefix: string;
  settings: Settings;
  tables: DiscoveredTable[];
}

export class CredentialsForm {
  readonly element: HTMLElement;
  private readonly fields: SettingFields;
  private readonly prefix: FormField;
  private readonly formError = h('p', { class: 'error-text', role: 'alert' });
  private readonly submit = h('button', { type: 'submit', class: 'primary' }, 'Validate and list tables');

  constructor(
    private readonly context: AppContext,
    readonly kind: SourceKind,
    private readonly onValidated: (connection: Connection) => void,
    back: HTMLElement,
  ) {
    this.fields = new SettingFields(kind);
    const sourceName = kind.sourceType.toLowerCase();
    this.prefix = new FormField(
      'Table prefix (optional)',
      h('input', { type: 'text', name: 'prefix', autocomplete: 'off', pattern: '[A-Za-z0-9_]*' }),
      `Tables are named {prefix}${sourceName}_{table}, e.g. prod_${sourceName}_orders.`,
    );
    this.element = h(
      'form',
      { class: 'credentials', novalidate: true, onsubmit: (event: Event) => void this.validate(event) },
      h('div', { class: 'field-grid' }, this.fields.elements, this.prefix.element),
      this.formError,
      h('div', { class: 'wizard-actions' }, back, this.submit),
    );
  }

  private async validate(event: Event): Promise<void> {
    event.preventDefault();
    setText(this.formError, '');
    this.fields.clearErrors();
    this.prefix.setError(null);
    const settings = this.fields.read();
    if (!settings) return;
    const prefix = this.prefix.value;
    if (!/^[A-Za-z0-9_]*$/.test(prefix)) {
      this.prefix.setError('Use letters, digits and underscores only.');
      this.prefix.control.focus();
      return;
    }
    this.submit.disabled = true;
    setText(this.submit, 'Connecting…');
    try {
      const tables = await this.context.api.databaseSchema({
        source_type: this.kind.sourceType,
        ...settings,
      });
      this.onValidated({ kind: this.kind, prefix, settings, tables });
    } catch (error) {
      const message = error instanceof ApiError ? error.message : String(error);
      const status = error instanceof ApiError ? error.status : 0;
      const setting = settingOfError(message, status, this.kind.sourceType, settings);
      if (!this.fields.showError(setting, message)) setText(this.formError, message);
    } finally {
      this.submit.disabled = false;
      setText(this.submit, 'Validate and list tables');
    }
  }
}
