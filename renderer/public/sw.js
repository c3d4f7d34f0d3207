/*
 * BorderDesk's service worker (web mode only; Electron loads its files from disk).
 * - Navigations: network first (a fresh index.html when HQ answers), the cached shell
 *   when it does not: the desk starts with no network after its first visit.
 * - Assets (hashed file names): cache first.
 * - /api: never touched, never cached.
 * The file list comes from sw-manifest.json, written by the build.
 */
const CACHE = 'borderdesk-shell-v1';
const NAVIGATION_TIMEOUT_MS = 4000;

const scopeUrl = (path) => new URL(path, self.registration.scope).href;

async function readManifest() {
  try {
    const response = await fetch(scopeUrl('./sw-manifest.json'), { cache: 'no-store' });
    if (!response.ok) return [];
    const manifest = await response.json();
    return Array.isArray(manifest.files) ? manifest.files : [];
  } catch {
    return [];
  }
}

async function precache() {
  const files = await readManifest();
  if (files.length === 0) return;
  const cache = await caches.open(CACHE);
  const urls = [scopeUrl('./index.html'), ...files.filter((f) => f !== 'index.html').map((f) => scopeUrl(`./${f}`))];
  await cache.addAll(urls);
  const keep = new Set(urls);
  for (const request of await cache.keys()) {
    if (!keep.has(request.url)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('borderdesk-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The page asks after each start, so a new build's files are cached while online.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'refresh-cache') event.waitUntil(precache().catch(() => undefined));
});

function isApi(url) {
  return url.pathname.includes('/api/');
}

// HQ's web console (/console/ and its own files, assets/console-*) is another page of
// the build: left to the network, so that its HTML is never stored as the desk's
// offline shell and its files never fill the desk's cache.
function isConsole(url) {
  const scope = new URL(self.registration.scope).pathname;
  return url.pathname.startsWith(`${scope}console/`) || url.pathname.startsWith(`${scope}assets/console-`);
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('navigation timeout')), NAVIGATION_TIMEOUT_MS)),
    ]);
    if (response.ok) await cache.put(scopeUrl('./index.html'), response.clone());
    return response;
  } catch {
    const cached = await cache.match(scopeUrl('./index.html'));
    return cached || Response.error();
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isApi(url) || isConsole(url)) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request));
    return;
  }
  if (url.pathname.endsWith('/sw-manifest.json')) return;
  event.respondWith(cacheFirst(request));
});
