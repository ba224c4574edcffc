// The wizard's connection step: the chosen source's settings, checked by listing the database's
// tables (database_schema/); an error is shown beside the setting it is about.
import { FormField } from '../components/form_field';
import { ApiError } from '../lib/api';
import type { DiscoveredTable } from '../lib/api_types';
import type { AppContext } from '../lib/context';
import { h, setText } from '../lib/dom';
import { settingOfError, type SettingSpec, type SourceKind } from '../lib/source_kinds';

export interface Connection {
  kind: SourceKind;
  prefix: string;
  settings: Record<string, string | number>;
  tables: DiscoveredTable[];
}

export class CredentialsForm {
  readonly element: HTMLElement;
  private readonly fields = new Map<string, FormField<HTMLInputElement | HTMLSelectElement>>();
  private readonly prefix: FormField;
  private readonly formError = h('p', { class: 'error-text', role: 'alert' });
  private readonly submit = h('button', { type: 'submit', class: 'primary' }, 'Validate and list tables');

  constructor(
    private readonly context: AppContext,
    readonly kind: SourceKind,
    private readonly onValidated: (connection: Connection) => void,
    back: HTMLElement,
  ) {
    for (const spec of kind.settings)
      this.fields.set(spec.name, new FormField(spec.label, control(spec), spec.hint));
    const sourceName = kind.id.toLowerCase();
    this.prefix = new FormField(
      'Table prefix (optional)',
      h('input', { type: 'text', name: 'prefix', autocomplete: 'off', pattern: '[A-Za-z0-9_]*' }),
      `Tables are named {prefix}${sourceName}_{table}, e.g. prod_${sourceName}_orders.`,
    );
    this.element = h(
      'form',
      { class: 'credentials', novalidate: true, onsubmit: (event: Event) => void this.validate(event) },
      h(
        'div',
        { class: 'field-grid' },
        [...this.fields.values()].map((field) => field.element),
        this.prefix.element,
      ),
      this.formError,
      h('div', { class: 'wizard-actions' }, back, this.submit),
    );
  }

  private async validate(event: Event): Promise<void> {
    event.preventDefault();
    setText(this.formError, '');
    for (const field of this.fields.values()) field.setError(null);
    this.prefix.setError(null);
    const settings: Record<string, string | number> = {};
    for (const spec of this.kind.settings) {
      const value = this.fields.get(spec.name)!.value;
      if (spec.required && !value) return this.fail(spec.name, `${spec.label} is required.`);
      if (value) settings[spec.name] = spec.type === 'number' ? Number(value) : value;
    }
    const prefix = this.prefix.value;
    if (!/^[A-Za-z0-9_]*$/.test(prefix)) {
      this.prefix.setError('Use letters, digits and underscores only.');
      this.prefix.control.focus();
      return;
    }
    this.submit.disabled = true;
    setText(this.submit, 'Connecting…');
    try {
      const tables = await this.context.api.databaseSchema({ source_type: this.kind.id, ...settings });
      this.onValidated({ kind: this.kind, prefix, settings, tables });
    } catch (error) {
      const message = error instanceof ApiError ? error.message : String(error);
      this.fail(settingOfError(message), message);
    } finally {
      this.submit.disabled = false;
      setText(this.submit, 'Validate and list tables');
    }
  }

  private fail(setting: string | null, message: string): void {
    const field = setting ? this.fields.get(setting) : undefined;
    if (field) {
      field.setError(message);
      field.control.focus();
    } else {
      setText(this.formError, message);
    }
  }
}

function control(spec: SettingSpec): HTMLInputElement | HTMLSelectElement {
  if (spec.type === 'select') {
    return h(
      'select',
      { name: spec.name },
      (spec.options ?? []).map((option) =>
        h('option', { value: option, selected: option === spec.initial }, option),
      ),
    );
  }
  return h('input', {
    type: spec.type,
    name: spec.name,
    value: spec.initial ?? '',
    required: spec.required ?? false,
    autocomplete: spec.autocomplete ?? 'off',
    spellcheck: 'false',
    ...(spec.type === 'number' ? { min: '1', max: '65535' } : {}),
  });
}
