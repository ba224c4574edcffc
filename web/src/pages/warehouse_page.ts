// The data warehouse page: every linked source with its tables, kept current by polling (every
// 1 s while a sync runs, every 5 s otherwise, not while the tab is hidden).
import type { AppContext, Page } from '../lib/context';
import { h, replaceChildren, setText } from '../lib/dom';
import { emptySources } from './empty_sources';
import { SourceCard } from './source_card';

const FAST_POLL_MS = 1000;
const SLOW_POLL_MS = 5000;

export class WarehousePage implements Page {
  readonly title = 'Data warehouse';
  readonly element: HTMLElement;
  private readonly list = h('div', { class: 'sources' });
  private readonly problem = h('p', { class: 'error-text', role: 'alert' });
  private readonly cards = new Map<number, SourceCard>();
  private timer = 0;
  private disposed = false;
  private loaded = false;

  constructor(
    private readonly context: AppContext,
    private readonly expand: number | null = null,
  ) {
    this.element = h(
      'section',
      { class: 'page', 'aria-labelledby': 'warehouse-title' },
      h(
        'div',
        { class: 'page-head' },
        h('h1', { id: 'warehouse-title' }, 'Data warehouse'),
        h('a', { href: '/warehouse/new', class: 'button primary' }, 'Link source'),
      ),
      this.problem,
      this.list,
    );
    replaceChildren(this.list, h('p', { class: 'hint' }, 'Loading sources…'));
    void this.refresh();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private async refresh(): Promise<void> {
    clearTimeout(this.timer);
    if (this.disposed) return;
    if (document.hidden) {
      this.timer = window.setTimeout(() => void this.refresh(), SLOW_POLL_MS);
      return;
    }
    try {
      const sources = await this.context.api.sources();
      if (this.disposed) return;
      setText(this.problem, '');
      if (!this.loaded) replaceChildren(this.list);
      this.loaded = true;
      const seen = new Set<number>();
      for (const source of sources) {
        seen.add(source.id);
        const card = this.cards.get(source.id);
        if (card) {
          card.update(source);
        } else {
          const created = new SourceCard(
            this.context,
            source,
            () => void this.refresh(),
            source.id === this.expand || sources.length === 1,
          );
          this.cards.set(source.id, created);
          this.list.appendChild(created.element);
        }
      }
      for (const [id, card] of this.cards) {
        if (!seen.has(id)) {
          card.element.remove();
          this.cards.delete(id);
        }
      }
      if (sources.length === 0) replaceChildren(this.list, emptySources());
      else this.list.querySelector('.empty-state')?.remove();
    } catch (error) {
      if (this.disposed) return;
      setText(this.problem, `Could not load the sources: ${(error as Error).message}`);
    }
    const running = [...this.cards.values()].some((card) => card.running);
    this.timer = window.setTimeout(() => void this.refresh(), running ? FAST_POLL_MS : SLOW_POLL_MS);
  }
}
