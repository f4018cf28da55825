import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { serviceWorker } from './sw/service-worker.plugin.mts';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const sharedDir = fileURLToPath(new URL('../shared/', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  root: webDir,
  plugins: [svelte({ configFile: false }), serviceWorker()],
  // Screens report the release they run, for the console's fleet view.
  define: { __APP_VERSION__: JSON.stringify(version) },
  resolve: {
    // The web bundles the contract's TypeScript sources; the server's package.json `imports`
    // map points at compiled output, which a browser build must not depend on.
    alias: [{ find: /^#shared\//, replacement: sharedDir }],
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
