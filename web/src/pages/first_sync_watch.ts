// The wizard's last step: the new source's enabled tables syncing for the first time, polled
// every 1.5 s until each has completed or failed.
import { statusBadge, updateStatusBadge } from '../components/status_badge';
import type { SchemaInfo, SourceInfo } from '../lib/api_types';
import type { AppContext } from '../lib/context';
import { h, setText } from '../lib/dom';
import { formatBytes, formatCount } from '../lib/format';
import { tableQuery } from '../lib/table_query';

const POLL_MS = 1500;

export class FirstSyncWatch {
  readonly element: HTMLElement;
  private readonly rows = new Map<number, { badge: HTMLElement; detail: HTMLElement }>();
  private readonly summary = h('p', { role: 'status' });
  private timer = 0;
  private stopped = false;

  constructor(
    private readonly context: AppContext,
    private source: SourceInfo,
  ) {
    const enabled = source.schemas.filter((schema) => schema.should_sync);
    const list = h(
      'ul',
      { class: 'watch-list' },
      enabled.map((schema) => {
        const badge = statusBadge('Queued');
        const detail = h('span', { class: 'hint' });
        this.rows.set(schema.id, { badge, detail });
        return h(
          'li',
          {},
          h('code', {}, schema.table.name),
          ' ',
          badge,
          ' ',
          detail,
          ' ',
          h(
            'a',
            { href: `/sql?q=${encodeURIComponent(tableQuery(schema.table.name))}` },
            `Query ${schema.table.name}`,
          ),
        );
      }),
    );
    this.element = h(
      'div',
      { class: 'first-sync' },
      enabled.length
        ? list
        : h('p', {}, 'No table was chosen to sync. Enable tables on the data warehouse page.'),
      this.summary,
      h(
        'div',
        { class: 'wizard-actions' },
        h('a', { href: `/warehouse?source=${source.id}`, class: 'button' }, 'Open the data warehouse page'),
      ),
    );
    if (enabled.length) void this.poll();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    try {
      this.source = await this.context.api.source(this.source.id);
    } catch (error) {
      setText(this.summary, `Could not read the source: ${(error as Error).message}`);
    }
    const enabled = this.source.schemas.filter((schema) => schema.should_sync);
    for (const schema of enabled) this.show(schema);
    const done = enabled.filter((schema) => isDone(schema));
    const failed = done.filter((schema) => schema.status === 'Failed').length;
    if (done.length === enabled.length) {
      this.context.invalidateCatalog();
      setText(
        this.summary,
        failed
          ? `First sync finished: ${failed} of ${enabled.length} tables failed.`
          : `First sync complete: ${enabled.length === 1 ? '1 table is' : `${enabled.length} tables are`} ready to query.`,
      );
      return;
    }
    setText(this.summary, `Syncing: ${done.length} of ${enabled.length} tables done.`);
    this.timer = window.setTimeout(() => void this.poll(), POLL_MS);
  }

  private show(schema: SchemaInfo): void {
    const row = this.rows.get(schema.id);
    if (!row) return;
    const progress = schema.progress;
    updateStatusBadge(
      row.badge,
      progress ? (progress.phase === 'Queued' ? 'Queued' : 'Running') : (schema.status ?? 'Queued'),
    );
    if (progress)
      setText(
        row.detail,
        `${progress.phase} · ${formatCount(progress.rows_synced)} rows · ${formatBytes(progress.bytes)}`,
      );
    else if (schema.status === 'Failed') setText(row.detail, schema.latest_error ?? '');
    else if (schema.status) setText(row.detail, `${formatCount(schema.table.row_count)} rows`);
  }
}

function isDone(schema: SchemaInfo): boolean {
  return (
    schema.progress === null &&
    (schema.status === 'Completed' || schema.status === 'Failed' || schema.status === 'Cancelled')
  );
}
