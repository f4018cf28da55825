import { createHash } from 'node:crypto';

/** Every shell cache is named with this prefix, so a new service worker can find and drop the old ones. */
export const SHELL_CACHE_PREFIX = 'headway-shell-';

/**
 * The page the service worker keeps, and the URL it is fetched from: a board path, so the cached
 * copy carries the headers the server gives board pages (their `frame-ancestors`), not the
 * console's. The server answers index.html for any such path.
 */
export const SHELL_PAGE_PATH = 'board/_shell';

/** The parts of Rollup's output bundle the manifest reads (a structural subset, so tests can build one). */
export type BuildFile =
  | {
      type: 'chunk';
      fileName: string;
      isEntry: boolean;
      imports: readonly string[];
      code: string;
      viteMetadata?: { importedCss: ReadonlySet<string>; importedAssets: ReadonlySet<string> };
    }
  | { type: 'asset'; fileName: string; source: string | Uint8Array };

/** What one build's service worker precaches, and the cache it keeps them in. */
export interface ShellManifest {
  /** `headway-shell-<hash of the shell's contents>`: a new build with any change gets a new cache (and a new worker script). */
  cache: string;
  /** The prefix of every build's cache, for dropping the old ones. */
  cachePrefix: string;
  /** Where the page is fetched from and kept; served for board pages when the network fails. */
  page: string;
  /** The code and styles a board needs, as absolute paths. */
  files: string[];
}

/**
 * The board's shell in a build: index.html, the entry chunks, what they import statically and
 * their CSS. Chunks loaded on demand (the console) are left out: no station screen needs them
 * offline, and the console must not run from a cache.
 */
export function shellManifest(bundle: readonly BuildFile[], base = '/'): ShellManifest {
  const byName = new Map(bundle.map((file) => [file.fileName, file]));
  const html = byName.get('index.html');
  if (html?.type !== 'asset') throw new Error('the build has no index.html to keep for offline start');
  const shell = new Set<string>();
  const visit = (fileName: string) => {
    const file = byName.get(fileName);
    if (!file || shell.has(fileName)) return;
    shell.add(fileName);
    if (file.type !== 'chunk') return;
    file.imports.forEach(visit);
    file.viteMetadata?.importedCss.forEach(visit);
    file.viteMetadata?.importedAssets.forEach(visit);
  };
  bundle.filter((file) => file.type === 'chunk' && file.isEntry).forEach((file) => visit(file.fileName));
  const names = [...shell].sort();
  const hash = createHash('sha256').update(contentOf(html));
  for (const name of names) hash.update(`\0${name}\0`).update(contentOf(byName.get(name)!));
  return {
    cache: `${SHELL_CACHE_PREFIX}${hash.digest('hex').slice(0, 16)}`,
    cachePrefix: SHELL_CACHE_PREFIX,
    page: `${base}${SHELL_PAGE_PATH}`,
    files: names.map((name) => `${base}${name}`),
  };
}

function contentOf(file: BuildFile): string | Uint8Array {
  return file.type === 'chunk' ? file.code : file.source;
}
