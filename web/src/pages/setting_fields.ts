// The connection settings a kind of source asks for, as labelled form fields: reading them (the
// required ones checked) and showing a server error beside the setting it is about.
import { FormField } from '../components/form_field';
import { h } from '../lib/dom';
import type { SettingSpec, SourceKind } from '../lib/source_kinds';

export type Settings = Record<string, string | number>;

export class SettingFields {
  readonly elements: HTMLElement[];
  private readonly fields = new Map<string, FormField<HTMLInputElement | HTMLSelectElement>>();

  constructor(readonly kind: SourceKind) {
    for (const spec of kind.settings) {
      const field = new FormField(spec.label, control(spec), spec.hint);
      if (spec.wide) field.element.classList.add('wide');
      this.fields.set(spec.name, field);
    }
    this.elements = [...this.fields.values()].map((field) => field.element);
  }

  // The input or select of `setting`; undefined when the kind does not ask for it.
  control(setting: string): HTMLInputElement | HTMLSelectElement | undefined {
    return this.fields.get(setting)?.control;
  }

  clearErrors(): void {
    for (const field of this.fields.values()) field.setError(null);
  }

  // The settings given (empty ones left out, numbers as numbers), or null after showing that a
  // required one is missing.
  read(): Settings | null {
    const settings: Settings = {};
    for (const spec of this.kind.settings) {
      const value = this.fields.get(spec.name)!.value;
      if (spec.required && !value) {
        this.showError(spec.name, `${spec.label} is required.`);
        return null;
      }
      if (value) settings[spec.name] = spec.type === 'number' ? Number(value) : value;
    }
    return settings;
  }

  // Shows `message` beside the field of `setting` and focuses it; false when there is no such
  // field (the caller shows the message for the whole form).
  showError(setting: string | null, message: string): boolean {
    const field = setting ? this.fields.get(setting) : undefined;
    if (!field) return false;
    field.setError(message);
    field.control.focus();
    return true;
  }
}

function control(spec: SettingSpec): HTMLInputElement | HTMLSelectElement {
  if (spec.type === 'select') {
    return h(
      'select',
      { name: spec.name },
      (spec.options ?? []).map((option) => {
        const [value, label] = typeof option === 'string' ? [option, option] : option;
        return h('option', { value, selected: value === (spec.initial ?? '') }, label);
      }),
    );
  }
  return h('input', {
    type: spec.type,
    name: spec.name,
    value: spec.initial ?? '',
    required: spec.required ?? false,
    placeholder: spec.placeholder ?? null,
    autocomplete: spec.autocomplete ?? 'off',
    spellcheck: 'false',
    ...(spec.type === 'number' ? { min: '1', max: '65535' } : {}),
  });
}
