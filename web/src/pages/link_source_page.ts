// The link-source wizard: choose a source, connect (credentials checked before anything is
// saved, errors beside the fields), choose tables with their sync types and keys, link, and
// watch the first sync. Files in a bucket or folder may instead be queried in place: connect
// and name the table, then query it.
import { ApiError } from '../lib/api';
import type { WarehouseTable } from '../lib/api_types';
import type { AppContext, Page } from '../lib/context';
import { h, replaceChildren, setText } from '../lib/dom';
import { SOURCE_KINDS, type SourceKind } from '../lib/source_kinds';
import { tableQuery } from '../lib/table_query';
import { type Connection, CredentialsForm } from './credentials_form';
import { FirstSyncWatch } from './first_sync_watch';
import { InPlaceForm } from './in_place_form';
import { TablePicker } from './table_picker';

// How files in a bucket or folder are used: copied into Larder by syncs, or read at every query.
type FilesMode = 'sync' | 'in_place';

const SYNC_STEPS = ['Choose a source', 'Connect', 'Choose tables', 'First sync'];
const IN_PLACE_STEPS = ['Choose a source', 'Connect', 'Query it'];

const FILES_MODES: [FilesMode, string, string][] = [
  [
    'sync',
    'Sync into Larder',
    'Copies the rows into a Larder table on a schedule: full refresh reloads every file, append loads only files not loaded before.',
  ],
  [
    'in_place',
    'Query in place',
    'Nothing is copied: every query reads the files where they are, so it always sees the latest ones.',
  ],
];

export class LinkSourcePage implements Page {
  readonly title = 'Link a source';
  readonly element: HTMLElement;
  private readonly steps = h('ol', { class: 'steps' });
  private readonly body = h('div', { class: 'wizard-body' });
  private kind: SourceKind = SOURCE_KINDS[0];
  private watch: FirstSyncWatch | null = null;
  private mode: FilesMode = 'sync';
  private credentials: CredentialsForm | InPlaceForm | null = null;

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

  // The steps of the chosen kind and mode (databases always sync).
  private get stepNames(): string[] {
    return this.kind.group === 'self_managed' && this.mode === 'in_place' ? IN_PLACE_STEPS : SYNC_STEPS;
  }

  private stepTitle(index: number): string {
    const steps = this.stepNames;
    return `Step ${index + 1} of ${steps.length}: ${steps[index]}`;
  }

  private showSteps(index: number): void {
    replaceChildren(
      this.steps,
      this.stepNames.map((label, i) =>
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
  }

  private showStep(index: number, content: HTMLElement[], focus = true): void {
    this.showSteps(index);
    const heading = h('h2', { tabindex: '-1' }, this.stepTitle(index));
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
    const modes = h(
      'fieldset',
      { class: 'choices', hidden: this.kind.group !== 'self_managed' },
      h('legend', {}, 'How to use the files'),
      FILES_MODES.map(([value, label, description]) =>
        h(
          'label',
          { class: 'choice' },
          h('input', { type: 'radio', name: 'files-mode', value, checked: value === this.mode }),
          h('span', { class: 'choice-label' }, label),
          h('span', { class: 'hint' }, description),
        ),
      ),
    );
    // Reads the choices into this.kind and this.mode; the modes show for files only.
    const readChoices = () => {
      const picked = form.querySelector<HTMLInputElement>('input[name="source-kind"]:checked');
      this.kind = SOURCE_KINDS.find((kind) => kind.id === picked?.value) ?? SOURCE_KINDS[0];
      const mode = form.querySelector<HTMLInputElement>('input[name="files-mode"]:checked');
      this.mode = mode?.value === 'in_place' ? 'in_place' : 'sync';
      modes.hidden = this.kind.group !== 'self_managed';
      this.showSteps(0);
      const heading = this.body.querySelector('h2');
      if (heading) setText(heading, this.stepTitle(0));
    };
    const form = h(
      'form',
      {
        onchange: readChoices,
        onsubmit: (event: Event) => {
          event.preventDefault();
          readChoices();
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
      modes,
      h('div', { class: 'wizard-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Continue')),
    );
    this.showStep(0, [form], focus);
  }

  private connect(): void {
    // Going back keeps what was typed (for the same kind of source and mode).
    const inPlace = this.kind.group === 'self_managed' && this.mode === 'in_place';
    const keptInPlace = this.credentials instanceof InPlaceForm;
    if (this.credentials?.kind !== this.kind || keptInPlace !== inPlace) {
      const back = h('button', { type: 'button', onclick: () => this.chooseSource() }, 'Back');
      this.credentials = inPlace
        ? new InPlaceForm(this.context, this.kind, (table) => this.showLinked(table), back)
        : new CredentialsForm(this.context, this.kind, (connection) => this.pickTables(connection), back);
    }
    const checks = this.kind.settings.some((spec) => spec.type === 'password')
      ? 'checks the credentials, finds the files'
      : 'finds the files';
    const intro = inPlace
      ? `Point Larder at the files in ${this.kind.label} and name the table. Larder ${checks} and infers their columns before linking anything; nothing is copied.`
      : this.kind.group === 'self_managed'
        ? `Point Larder at the files in ${this.kind.label}. Larder ${checks} and infers their columns before saving anything.`
        : `Connect to ${this.kind.label}. Larder checks the connection and lists the tables before saving anything.`;
    this.showStep(1, [h('p', {}, intro), this.credentials!.element]);
  }

  // The last step of querying in place: the linked table's columns and a link to query it.
  private showLinked(table: WarehouseTable): void {
    this.context.invalidateCatalog();
    this.credentials = null;
    const query = `/sql?q=${encodeURIComponent(tableQuery(table.name))}`;
    this.showStep(2, [
      h(
        'p',
        { role: 'status' },
        'Linked ',
        h('code', {}, table.name),
        ': every query reads the files of ',
        h('code', { class: 'url' }, table.url_pattern),
        ` in place (${table.columns.length} columns).`,
      ),
      h(
        'table',
        { class: 'columns' },
        h('caption', { class: 'visually-hidden' }, `Columns of ${table.name}`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Column'), h('th', { scope: 'col' }, 'Type'))),
        h(
          'tbody',
          {},
          table.columns.map((column) =>
            h('tr', {}, h('td', {}, h('code', {}, column.name)), h('td', { class: 'type' }, column.type)),
          ),
        ),
      ),
      h(
        'div',
        { class: 'wizard-actions' },
        h('a', { href: query, class: 'button primary' }, 'Query it'),
        h('a', { href: '/tables', class: 'button' }, 'Open the tables page'),
      ),
    ]);
  }

  private pickTables(connection: Connection): void {
    const picker = new TablePicker(connection.tables, connection.kind.group === 'self_managed');
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
          source_type: connection.kind.sourceType,
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
