import { defineConfig } from 'vite';

/** The bench desk: a page built from the renderer's own engine, served by HQ like the desk. */
const root = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root,
  base: './',
  build: {
    outDir: new URL('../../.tmp/bench-desk', import.meta.url).pathname,
    emptyOutDir: true,
    target: 'chrome120',
    modulePreload: { polyfill: false },
  },
});
