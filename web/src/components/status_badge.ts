// A sync status as a coloured badge: Completed, Running, Failed, Paused, Cancelled, or not run.
import { h, setText } from '../lib/dom';

export function statusBadge(status: string | null): HTMLElement {
  const badge = h('span', { class: 'status' });
  updateStatusBadge(badge, status);
  return badge;
}

export function updateStatusBadge(badge: HTMLElement, status: string | null): void {
  const text = status ?? 'Not synced';
  setText(badge, text);
  badge.className = `status status-${text.toLowerCase().replace(/\s+/g, '-')}`;
}
