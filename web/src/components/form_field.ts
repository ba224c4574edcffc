// A labelled form field with a hint and an error message beside it, wired for screen readers
// (aria-describedby, aria-invalid).
import { h, setText, uniqueId } from '../lib/dom';

export class FormField<T extends HTMLInputElement | HTMLSelectElement = HTMLInputElement> {
  readonly element: HTMLElement;
  private readonly error: HTMLElement;

  constructor(
    label: string,
    readonly control: T,
    hint?: string,
  ) {
    const id = control.id || uniqueId('field');
    control.id = id;
    const errorId = `${id}-error`;
    const hintId = `${id}-hint`;
    this.error = h('p', { id: errorId, class: 'field-error', role: 'alert' });
    control.setAttribute('aria-describedby', hint ? `${hintId} ${errorId}` : errorId);
    this.element = h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      control,
      hint ? h('p', { id: hintId, class: 'hint' }, hint) : null,
      this.error,
    );
  }

  get value(): string {
    return this.control.value.trim();
  }

  setError(message: string | null): void {
    setText(this.error, message ?? '');
    if (message) this.control.setAttribute('aria-invalid', 'true');
    else this.control.removeAttribute('aria-invalid');
  }
}
