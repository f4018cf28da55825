import type * as RouterModule from '../../web/src/lib/router.svelte';
import type * as RuneObserver from '../support/rune-observer.svelte';
import { type FakeBrowser, installFakeBrowser } from '../support/fake-browser';

const ORIGIN = 'https://screens.example';

/** The app opened at `path`: the router module is created afresh, reading that URL. */
function openAt(path: string) {
  browser = installFakeBrowser(`${ORIGIN}${path}`);
  let loaded!: { router: typeof RouterModule.router; matchRoute: typeof RouterModule.matchRoute; observe: typeof RuneObserver.observe };
  jest.isolateModules(() => {
    const { router, matchRoute } = jest.requireActual<typeof RouterModule>('../../web/src/lib/router.svelte');
    loaded = { router, matchRoute, observe: jest.requireActual<typeof RuneObserver>('../support/rune-observer.svelte').observe };
  });
  return loaded;
}

/** A click as the browser reports it, on a link with `href` (and the given attributes). */
function clickOn(href: string, init: Partial<MouseEvent> = {}, attributes: { target?: string; download?: boolean } = {}) {
  const anchor = {
    href: new URL(href, `${ORIGIN}/`).href,
    target: attributes.target ?? '',
    hasAttribute: () => attributes.download === true,
  };
  const event = {
    defaultPrevented: false,
    button: 0,
    metaKey: false,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    target: { closest: (selector: string) => (selector === 'a' ? anchor : null) },
    preventDefault: jest.fn(),
    ...init,
  };
  return event as unknown as MouseEvent & { preventDefault: jest.Mock };
}

let browser: FakeBrowser | undefined;
afterEach(() => browser?.uninstall());

describe('Router', () => {
  it('shows the screen the URL names, options included', () => {
    const { router } = openAt('/board/gare%20du%20nord?mode=arrivals');

    expect(router.route).toEqual({ name: 'board', stationId: 'gare du nord' });
    expect(router.search).toBe('?mode=arrivals');
  });

  it('navigates: a new history entry, the new screen, and the page scrolled to the top', () => {
    const { router, observe } = openAt('/');
    const route = observe(() => router.route.name);

    router.navigate('/board/central?mode=departures');

    expect(route.values).toEqual(['home', 'board']);
    expect(router.path).toBe('/board/central');
    expect(router.search).toBe('?mode=departures');
    expect(browser?.entries).toEqual([`${ORIGIN}/`, `${ORIGIN}/board/central?mode=departures`]);
    expect(browser?.scrolls).toEqual([[0, 0]]);
    route.stop();
  });

  it('adds no history entry for the URL already shown', () => {
    const { router } = openAt('/admin');

    router.navigate('/admin');

    expect(browser?.entries).toHaveLength(1);
    expect(browser?.scrolls).toEqual([]);
  });

  it('follows the back button', () => {
    const { router, observe } = openAt('/board/central?mode=arrivals');
    router.navigate('/admin');
    const route = observe(() => router.route);

    browser?.back();

    expect(route.current).toEqual({ name: 'board', stationId: 'central' });
    expect(router.search).toBe('?mode=arrivals');
    route.stop();
  });

  it('turns a click on a link inside the app into navigation', () => {
    const { router } = openAt('/');
    const click = clickOn('/board/central');

    router.handleClick(click);

    expect(click.preventDefault).toHaveBeenCalled();
    expect(router.route).toEqual({ name: 'board', stationId: 'central' });
  });

  it.each([
    ['a middle click', clickOn('/admin', { button: 1 })],
    ['a click with a modifier (new tab)', clickOn('/admin', { metaKey: true })],
    ['a click a handler already took', clickOn('/admin', { defaultPrevented: true })],
    ['a link to another site', clickOn('https://elsewhere.example/admin')],
    ['a link to the API (a download)', clickOn('/api/stations')],
    ['a link with a target', clickOn('/admin', {}, { target: '_blank' })],
    ['a download link', clickOn('/admin', {}, { download: true })],
  ])('leaves %s to the browser', (_case, click) => {
    const { router } = openAt('/');

    router.handleClick(click);

    expect(click.preventDefault).not.toHaveBeenCalled();
    expect(router.route).toEqual({ name: 'home' });
  });

  it('reads trailing slashes, unknown paths and broken escapes as a user would expect', () => {
    const { matchRoute } = openAt('/');

    expect(matchRoute('/admin/')).toEqual({ name: 'admin' });
    expect(matchRoute('//')).toEqual({ name: 'home' });
    expect(matchRoute('/board/a/b')).toEqual({ name: 'not-found' });
    expect(matchRoute('/board/%E0%A4%A')).toEqual({ name: 'not-found' });
    expect(matchRoute('/nowhere')).toEqual({ name: 'not-found' });
  });
});
