// A table's sync job history: each run with its status, rows, bytes, cursor and error.
import type { Api } from '../lib/api';
import type { SyncJob } from '../lib/api_types';
import { h, replaceChildren } from '../lib/dom';
import { formatBytes, formatCount, formatTime } from '../lib/format';
import { statusBadge } from '../components/status_badge';

export class JobHistory {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'job-history-body' });

  constructor(
    private readonly api: Api,
    private readonly schemaId: number,
    tableName: string,
  ) {
    this.element = h(
      'section',
      { class: 'job-history', 'aria-label': `Job history of ${tableName}` },
      h('h3', {}, `Job history of ${tableName}`),
      this.body,
    );
  }

  showLoading(): void {
    replaceChildren(this.body, h('p', { class: 'hint' }, 'Loading…'));
  }

  async load(): Promise<void> {
    try {
      this.render(await this.api.jobs(this.schemaId));
    } catch (error) {
      replaceChildren(this.body, h('p', { class: 'error-text', role: 'alert' }, (error as Error).message));
    }
  }

  private render(jobs: SyncJob[]): void {
    if (jobs.length === 0) {
      replaceChildren(this.body, h('p', { class: 'hint' }, 'No sync has run yet.'));
      return;
    }
    const head = [
      'Started',
      'Finished',
      'Status',
      'Rows',
      'Bytes',
      'Cursor',
      'Rows with a NULL key',
      'Error',
    ];
    replaceChildren(
      this.body,
      h(
        'div',
        { class: 'scroll-x' },
        h(
          'table',
          { class: 'jobs' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              head.map((text) => h('th', { scope: 'col' }, text)),
            ),
          ),
          h(
            'tbody',
            {},
            jobs.map((job) =>
              h(
                'tr',
                {},
                h('td', { 'data-label': 'Started' }, formatTime(job.created_at)),
                h('td', { 'data-label': 'Finished' }, formatTime(job.finished_at)),
                h('td', { 'data-label': 'Status' }, statusBadge(job.status)),
                h('td', { 'data-label': 'Rows', class: 'numeric' }, formatCount(job.rows_synced)),
                h('td', { 'data-label': 'Bytes', class: 'numeric' }, formatBytes(job.bytes)),
                h('td', { 'data-label': 'Cursor' }, cursorText(job)),
                h('td', { 'data-label': 'NULL keys', class: 'numeric' }, formatCount(job.rows_with_null_key)),
                h('td', { 'data-label': 'Error', class: 'error-text' }, job.latest_error ?? ''),
              ),
            ),
          ),
        ),
      ),
    );
  }
}

function cursorText(job: SyncJob): string {
  if (!job.cursor_before && !job.cursor_after) return '—';
  return `${job.cursor_before ?? 'start'} → ${job.cursor_after ?? '—'}`;
}
