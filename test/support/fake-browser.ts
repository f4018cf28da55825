/**
 * The few browser globals the web's router reads (`location`, `history`, `addEventListener`,
 * `scrollTo`), on Node's globals for one test: enough to open the app at a URL, navigate and go
 * back. Installed before the router module loads, since it reads the URL as it is created.
 */
export interface FakeBrowser {
  /** The URLs in the tab's history, the current one last. */
  readonly entries: string[];
  readonly scrolls: [number, number][];
  /** The back button: the previous URL, then `popstate`. */
  back(): void;
  uninstall(): void;
}

const GLOBALS = ['location', 'history', 'addEventListener', 'removeEventListener', 'dispatchEvent', 'scrollTo'] as const;

export function installFakeBrowser(href: string): FakeBrowser {
  const entries = [new URL(href).href];
  const scrolls: [number, number][] = [];
  const events = new EventTarget();
  const current = () => new URL(entries[entries.length - 1]);
  const location = {
    get href() {
      return current().href;
    },
    get origin() {
      return current().origin;
    },
    get pathname() {
      return current().pathname;
    },
    get search() {
      return current().search;
    },
  };
  const history = {
    pushState: (_state: unknown, _title: string, url: string | URL) => entries.push(new URL(url, location.href).href),
  };
  Object.assign(globalThis, {
    location,
    history,
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
    dispatchEvent: events.dispatchEvent.bind(events),
    scrollTo: (x: number, y: number) => scrolls.push([x, y]),
  });
  return {
    entries,
    scrolls,
    back() {
      entries.pop();
      events.dispatchEvent(new Event('popstate'));
    },
    uninstall() {
      for (const name of GLOBALS) Reflect.deleteProperty(globalThis, name);
    },
  };
}
