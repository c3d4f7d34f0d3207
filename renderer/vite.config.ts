import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Lists every file of the build in sw-manifest.json. The service worker (public/sw.js)
 * precaches them at install, so the desk starts offline after its first visit even
 * though the first page load happened before the worker existed.
 */
function serviceWorkerManifest(): Plugin {
  return {
    name: 'borderdesk-sw-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      // HQ's console is another page of this build: the desk neither needs nor keeps it.
      const files = Object.keys(bundle)
        .filter((name) => !name.endsWith('.map') && !isConsoleFile(name))
        .sort();
      files.push('favicon.svg');
      const version = files
        .join('|')
        .split('')
        .reduce((hash, ch) => (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0, 7);
      this.emitFile({
        type: 'asset',
        fileName: 'sw-manifest.json',
        source: JSON.stringify({ version: (version >>> 0).toString(16), files }, null, 1),
      });
    },
  };
}

const root = new URL('.', import.meta.url).pathname;

/** The console page's own files: console.html and its entry's chunk and styles. */
function isConsoleFile(name: string): boolean {
  return name === 'console.html' || name.startsWith('assets/console-');
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), serviceWorkerManifest()],
  build: {
    outDir: new URL('../dist/renderer', import.meta.url).pathname,
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // Two pages: the desk (index.html) and HQ's web console (console.html, served at /console/).
      input: { index: `${root}index.html`, console: `${root}console.html` },
    },
  },
  experimental: {
    // HQ serves console.html at /console/ (and below it): its files are named from the
    // site's root. The desk keeps relative URLs (Electron loads it from app://).
    renderBuiltUrl(filename, { hostType, hostId }) {
      if (hostType === 'html' && hostId.endsWith('console.html')) return `/${filename}`;
      return undefined;
    },
  },
});
