// The HogQL editor (CodeMirror 6): highlighting, completion of the project's tables, columns and
// functions, Ctrl/Cmd+Enter to run, and a query error marked at its position.
import {
  autocompletion,
  closeBrackets,
  closeCompletion,
  closeBracketsKeymap,
  completionKeymap,
  type Completion,
  type CompletionContext,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { sql, type SQLNamespace } from '@codemirror/lang-sql';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import type { Catalog } from '../lib/context';
import { h } from '../lib/dom';
import { hogqlDialect } from '../lib/hogql_dialect';
import { byteOffsetToIndex, lineAndColumn } from '../lib/text_offsets';

export class HogQLEditor {
  readonly element: HTMLElement;
  readonly view: EditorView;
  private readonly language = new Compartment();
  private hasError = false;

  constructor(doc: string, onRun: () => void, labelId: string) {
    this.element = h('div', { class: 'editor' });
    this.view = new EditorView({
      parent: this.element,
      state: EditorState.create({
        doc,
        extensions: [
          lineNumbers(),
          history(),
          drawSelection(),
          highlightActiveLine(),
          bracketMatching(),
          closeBrackets(),
          autocompletion({ activateOnTyping: true }),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          placeholder('SELECT event, count() FROM events GROUP BY event'),
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (onRun(), true) }])),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
          this.language.of(sql({ dialect: hogqlDialect })),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-labelledby': labelId, 'aria-multiline': 'true' }),
          EditorView.updateListener.of((update) => {
            // An edit makes the error's position stale: drop it once this update is done.
            if (update.docChanged && this.hasError) setTimeout(() => this.clearError());
          }),
        ],
      }),
    });
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  set text(value: string) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: value } });
  }

  focus(): void {
    this.view.focus();
  }

  closeCompletion(): void {
    closeCompletion(this.view);
  }

  // Completes the catalog's tables (with their columns) and functions.
  setCatalog(catalog: Catalog): void {
    const schema: SQLNamespace = {};
    for (const table of catalog.tables) {
      schema[table.name] = table.columns.map((column): Completion => ({
        label: column.name,
        type: 'property',
        detail: column.type,
      }));
    }
    const functions: Completion[] = catalog.functions.map((fn) => ({
      label: fn.name,
      type: 'function',
      detail: fn.kind === 'scalar' ? 'function' : fn.kind,
      apply: `${fn.name}(`,
      boost: -1,
    }));
    const completeFunctions = (context: CompletionContext) => {
      const word = context.matchBefore(/[\w$]+/);
      if (!word || (word.from === word.to && !context.explicit)) return null;
      if (context.state.sliceDoc(word.from - 1, word.from) === '.') return null;
      return { from: word.from, options: functions, validFor: /^[\w$]*$/ };
    };
    this.view.dispatch({
      effects: this.language.reconfigure([
        sql({ dialect: hogqlDialect, schema }),
        hogqlDialect.language.data.of({ autocomplete: completeFunctions }),
      ]),
    });
  }

  // Marks bytes [start, end) of the query as the error; returns "line L, column C".
  showError(start: number, end: number, message: string): string {
    const text = this.text;
    const from = byteOffsetToIndex(text, start);
    let to = byteOffsetToIndex(text, end);
    if (to <= from) to = Math.min(text.length, from + 1);
    this.view.dispatch(setDiagnostics(this.view.state, [{ from, to, severity: 'error', message }]));
    this.hasError = true;
    const { line, column } = lineAndColumn(text, from);
    return `line ${line}, column ${column}`;
  }

  clearError(): void {
    if (!this.hasError) return;
    this.hasError = false;
    this.view.dispatch(setDiagnostics(this.view.state, []));
  }
}
