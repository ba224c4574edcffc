// What the data warehouse page shows before any source is linked.
import { h } from '../lib/dom';

export function emptySources(): HTMLElement {
  return h(
    'div',
    { class: 'empty-state' },
    h('p', {}, 'No source is linked yet.'),
    h(
      'p',
      {},
      'Link a Postgres or MySQL database: Larder copies its tables on a schedule, and you query them together with your events.',
    ),
    h('a', { href: '/warehouse/new', class: 'button primary' }, 'Link a source'),
  );
}
