// The UI's router: maps the location's path to a page, keeps signed-out visitors on the sign-in
// page, and turns clicks on same-origin links into history navigation (no page reloads).
import { AppShell } from './app_shell';
import { Api } from './lib/api';
import type { AppContext, Catalog, Page } from './lib/context';
import { clearSession, loadSession, type Session } from './lib/session';
import { LinkSourcePage } from './pages/link_source_page';
import { SignInPage } from './pages/sign_in_page';
import { TablesPage } from './pages/tables_page';
import { WarehousePage } from './pages/warehouse_page';

type PageFactory = (context: AppContext, params: URLSearchParams) => Page | Promise<Page>;

// The SQL editor (CodeMirror, uPlot) is loaded when first opened, so the other pages start fast.
const ROUTES: Record<string, PageFactory> = {
  '/sql': async (context, params) => new (await import('./pages/sql_page')).SqlPage(context, params),
  '/warehouse': (context, params) => new WarehousePage(context, Number(params.get('source')) || null),
  '/warehouse/new': (context) => new LinkSourcePage(context),
  '/tables': (context) => new TablesPage(context),
};

export function startApp(root: HTMLElement): void {
  let page: Page | null = null;
  let context: AppContext | null = null;
  let firstRender = true;
  let renders = 0;

  const navigate = (path: string) => {
    history.pushState(null, '', path);
    void render();
  };
  const signOut = () => {
    clearSession();
    context = null;
    navigate('/sign-in');
  };
  const shell = new AppShell(root, signOut);

  const contextFor = (session: Session): AppContext => {
    let catalog: Promise<Catalog> | null = null;
    const api = new Api(session, () => {
      clearSession();
      context = null;
      navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
    });
    return {
      api,
      navigate,
      catalog() {
        catalog ??= Promise.all([api.tables(), api.functions()]).then(([tables, functions]) => ({
          tables,
          functions,
        }));
        catalog.catch(() => (catalog = null));
        return catalog;
      },
      invalidateCatalog() {
        catalog = null;
      },
    };
  };

  async function render(): Promise<void> {
    const renderNumber = ++renders;
    page?.dispose?.();
    page = null;
    const path = location.pathname.replace(/\/+$/, '') || '/';
    const params = new URLSearchParams(location.search);
    const session = loadSession();
    if (!session || path === '/sign-in') {
      if (session && path === '/sign-in') return navigate(safeNext(params.get('next')));
      const next = path === '/sign-in' ? params.get('next') : path + location.search;
      if (path !== '/sign-in') history.replaceState(null, '', `/sign-in?next=${encodeURIComponent(next!)}`);
      page = new SignInPage((signedIn) => {
        context = contextFor(signedIn);
        navigate(safeNext(next));
      });
    } else {
      context ??= contextFor(session);
      const factory = ROUTES[path];
      if (!factory) {
        history.replaceState(null, '', '/sql');
        return render();
      }
      const made = await factory(context, params);
      if (renderNumber !== renders) return made.dispose?.(); // Navigated away meanwhile.
      page = made;
    }
    shell.setNavigation(session !== null && path !== '/sign-in', location.pathname);
    shell.show(page.element, page.title, !firstRender);
    firstRender = false;
  }

  document.addEventListener('click', (event) => {
    const link = (event.target as Element).closest?.('a');
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
    if (link.getAttribute('href')?.startsWith('#')) return; // In-page links (the skip link).
    if (link.pathname.startsWith('/api/')) return;
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
  window.addEventListener('popstate', () => void render());
  void render();
}

// Only paths of this UI are followed after signing in.
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/sql';
}
