import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Plugin, transformWithOxc } from 'vite';
import { type BuildFile, shellManifest } from './shell-manifest.mts';

const SOURCE = fileURLToPath(new URL('./service-worker.ts', import.meta.url));

/**
 * Emits `sw.js` beside index.html: service-worker.ts with its types stripped, behind this build's
 * shell manifest. Hand-written rather than a PWA plugin: the worker is some fifty lines, and this
 * is all the build has to add to it. Build only; the dev server has no worker.
 */
export function serviceWorker(): Plugin {
  let base = '/';
  return {
    name: 'headway:service-worker',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    generateBundle: {
      // After Vite has written index.html into the bundle.
      order: 'post',
      async handler(_options, bundle) {
        const manifest = shellManifest(Object.values(bundle) as BuildFile[], base);
        const { code } = await transformWithOxc(await readFile(SOURCE, 'utf8'), SOURCE, { lang: 'ts' });
        this.emitFile({ type: 'asset', fileName: 'sw.js', source: `const SHELL = ${JSON.stringify(manifest)};\n${code}` });
      },
    },
  };
}
