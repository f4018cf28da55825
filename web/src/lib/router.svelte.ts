/** The app's few screens; the server answers index.html for each path, so deep links work. */
export type Route = { name: 'home' } | { name: 'board'; stationId: string } | { name: 'admin' } | { name: 'not-found' };

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/admin') return { name: 'admin' };
  const board = /^\/board\/([^/]+)$/.exec(path);
  if (board) {
    try {
      return { name: 'board', stationId: decodeURIComponent(board[1]) };
    } catch {
      return { name: 'not-found' };
    }
  }
  return { name: 'not-found' };
}

/** A history-API router: the whole app is three screens, too few to justify a library. */
class Router {
  #path = $state(location.pathname);
  #search = $state(location.search);
  readonly route = $derived(matchRoute(this.#path));

  get path(): string {
    return this.#path;
  }

  /** The query string (`?mode=arrivals`), which carries a board screen's options. */
  get search(): string {
    return this.#search;
  }

  constructor() {
    addEventListener('popstate', () => {
      this.#path = location.pathname;
      this.#search = location.search;
    });
  }

  navigate(href: string): void {
    const url = new URL(href, location.href);
    if (url.pathname === location.pathname && url.search === location.search) return;
    history.pushState(null, '', url);
    this.#path = url.pathname;
    this.#search = url.search;
    scrollTo(0, 0);
  }

  /**
   * Rewrites the current entry's address without a new history step or a scroll: for state a
   * page keeps in its URL while the person works (the console's selection and filters).
   */
  replace(href: string): void {
    const url = new URL(href, location.href);
    if (url.pathname === location.pathname && url.search === location.search) return;
    history.replaceState(null, '', url);
    this.#path = url.pathname;
    this.#search = url.search;
  }

  /** Turns clicks on same-origin links into pushState navigation; everything else is left to the browser. */
  handleClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    this.navigate(url.href);
  };
}

export const router = new Router();
