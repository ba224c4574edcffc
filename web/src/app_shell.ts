// The frame around every page: the header with the navigation and sign-out, and the main region
// pages render into. Moves focus to the new page's heading after a navigation.
import { h, replaceChildren } from './lib/dom';

export const NAV_ITEMS: [string, string][] = [
  ['/sql', 'SQL editor'],
  ['/warehouse', 'Data warehouse'],
  ['/tables', 'Tables'],
];

export class AppShell {
  readonly main = h('main', { id: 'main', tabindex: '-1' });
  private readonly nav = h('nav', { 'aria-label': 'Main' });
  private readonly signOut = h('button', { type: 'button', class: 'link-button' }, 'Sign out');

  constructor(root: HTMLElement, onSignOut: () => void) {
    this.signOut.addEventListener('click', onSignOut);
    const brand = h('a', { href: '/sql', class: 'brand' }, 'Larder');
    replaceChildren(root, h('header', { class: 'app-header' }, brand, this.nav), this.main);
  }

  // Shows the navigation (signed in) or hides it (the sign-in page), marking the current page.
  setNavigation(signedIn: boolean, path: string): void {
    if (!signedIn) {
      replaceChildren(this.nav);
      return;
    }
    const items = NAV_ITEMS.map(([href, label]) => {
      const current = path === href || (href !== '/' && path.startsWith(`${href}/`));
      return h('li', {}, h('a', { href, 'aria-current': current ? 'page' : null }, label));
    });
    replaceChildren(this.nav, h('ul', {}, items, h('li', {}, this.signOut)));
  }

  show(element: HTMLElement, title: string, moveFocus: boolean): void {
    replaceChildren(this.main, element);
    document.title = `${title} · Larder`;
    if (!moveFocus) return;
    const heading = this.main.querySelector<HTMLElement>('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }
}
