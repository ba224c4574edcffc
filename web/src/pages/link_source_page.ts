// The link-source wizard: choose a source, connect (credentials checked before anything is
// saved, errors beside the fields), choose tables with their sync types and keys, link, and
// watch the first sync.
import { ApiError } from '../lib/api';
import type { AppContext, Page } from '../lib/context';
import { h, replaceChildren, setText } from '../lib/dom';
import { SOURCE_KINDS, type SourceKind } from '../lib/source_kinds';
import { type Connection, CredentialsForm } from './credentials_form';
import { FirstSyncWatch } from './first_sync_watch';
import { TablePicker } from './table_picker';

const STEPS = ['Choose a source', 'Connect', 'Choose tables', 'First sync'];

export class LinkSourcePage implements Page {
  readonly title = 'Link a source';
  readonly element: HTMLElement;
  private readonly steps = h('ol', { class: 'steps' });
  private readonly body = h('div', { class: 'wizard-body' });
  private kind: SourceKind = SOURCE_KINDS[0];
  private watch: FirstSyncWatch | null = null;
  private credentials: CredentialsForm | null = null;

  constructor(private readonly context: AppContext) {
    this.element = h(
      'section',
      { class: 'page', 'aria-labelledby': 'link-title' },
      h(
        'div',
        { class: 'page-head' },
        h('h1', { id: 'link-title' }, 'Link a source'),
        h('a', { href: '/warehouse' }, 'Back to the data warehouse'),
      ),
      h('nav', { 'aria-label': 'Wizard steps' }, this.steps),
      this.body,
    );
    this.chooseSource(false);
  }

  dispose(): void {
    this.watch?.stop();
  }

  private showStep(index: number, content: HTMLElement[], focus = true): void {
    replaceChildren(
      this.steps,
      STEPS.map((label, i) =>
        h(
          'li',
          {
            class: i < index ? 'done' : i === index ? 'current' : '',
            'aria-current': i === index ? 'step' : null,
          },
          label,
        ),
      ),
    );
    const heading = h('h2', { tabindex: '-1' }, `Step ${index + 1} of ${STEPS.length}: ${STEPS[index]}`);
    replaceChildren(this.body, heading, content);
    if (focus) heading.focus();
  }

  private chooseSource(focus = true): void {
    const option = (kind: SourceKind) =>
      h(
        'label',
        { class: kind.available ? 'choice' : 'choice unavailable' },
        h('input', {
          type: 'radio',
          name: 'source-kind',
          value: kind.id,
          checked: kind === this.kind,
          disabled: !kind.available,
        }),
        h('span', { class: 'choice-label' }, kind.label),
        h('span', { class: 'hint' }, kind.description),
      );
    const group = (legend: string, kinds: SourceKind[]) =>
      h('fieldset', { class: 'choices' }, h('legend', {}, legend), kinds.map(option));
    const form = h(
      'form',
      {
        onsubmit: (event: Event) => {
          event.preventDefault();
          const picked = form.querySelector<HTMLInputElement>('input[name="source-kind"]:checked');
          this.kind = SOURCE_KINDS.find((kind) => kind.id === picked?.value) ?? SOURCE_KINDS[0];
          this.connect();
        },
      },
      group(
        'Databases',
        SOURCE_KINDS.filter((kind) => kind.group === 'managed'),
      ),
      group(
        'Files in a bucket or folder (self-managed)',
        SOURCE_KINDS.filter((kind) => kind.group === 'self_managed'),
      ),
      h('div', { class: 'wizard-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Continue')),
    );
    this.showStep(0, [form], focus);
  }

  private connect(): void {
    // Going back keeps what was typed (for the same kind of source).
    if (this.credentials?.kind !== this.kind) {
      const back = h('button', { type: 'button', onclick: () => this.chooseSource() }, 'Back');
      this.credentials = new CredentialsForm(
        this.context,
        this.kind,
        (connection) => this.pickTables(connection),
        back,
      );
    }
    const intro = `Connect to ${this.kind.label}. Larder checks the connection and lists the tables before saving anything.`;
    this.showStep(1, [h('p', {}, intro), this.credentials.element]);
  }

  private pickTables(connection: Connection): void {
    const picker = new TablePicker(connection.tables);
    const error = h('p', { class: 'error-text', role: 'alert' });
    const create = h(
      'button',
      { type: 'button', class: 'primary', onclick: () => void link() },
      'Link source',
    );
    const back = h('button', { type: 'button', onclick: () => this.connect() }, 'Back');
    const link = async () => {
      setText(error, '');
      create.disabled = true;
      setText(create, 'Linking…');
      const frequency = picker.frequency.value;
      try {
        const source = await this.context.api.createSource({
          source_type: connection.kind.id,
          prefix: connection.prefix,
          payload: {
            ...connection.settings,
            schemas: picker.choices().map((choice) => ({ ...choice, sync_frequency: frequency })),
          },
        });
        this.context.invalidateCatalog();
        this.watch = new FirstSyncWatch(this.context, source);
        this.showStep(3, [
          h('p', {}, `Linked ${connection.kind.label} as source ${source.id}.`),
          this.watch.element,
        ]);
      } catch (failure) {
        const message = failure instanceof ApiError ? failure.message : String(failure);
        const hint =
          failure instanceof ApiError && failure.status === 409
            ? ' Go back and choose another table prefix.'
            : '';
        setText(error, message + hint);
        create.disabled = false;
        setText(create, 'Link source');
      }
    };
    this.showStep(2, [picker.element, error, h('div', { class: 'wizard-actions' }, back, create)]);
  }
}
