import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const sharedDir = fileURLToPath(new URL('../shared/', import.meta.url));

export default defineConfig({
  root: webDir,
  plugins: [svelte({ configFile: false })],
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
