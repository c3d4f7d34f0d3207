import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML_CSP, createStaticHandler } from './static-files';

async function serve(folder: string): Promise<{ server: Server; url: string }> {
  const handler = createStaticHandler(folder);
  const server = createServer((req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://x')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

/** Raw path, not normalised by fetch's URL parser: what an attacker would send. */
async function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(`${url}/`, { path }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files', () => {
  const root = mkdtempSync(join(tmpdir(), 'bd-static-'));
  const dist = join(root, 'dist');
  let built: { server: Server; url: string };
  let missing: { server: Server; url: string };

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>desk</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dist, 'assets', 'index-3fA9b2Cd.js'), 'console.log(1)');
    writeFileSync(join(dist, 'assets', 'style-Zx81kQp2.css'), 'body{}');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{}');
    writeFileSync(join(root, 'secret.txt'), 'outside the folder');
    built = await serve(dist);
    missing = await serve(join(root, 'not-built'));
  });
  afterAll(() => {
    built.server.close();
    missing.server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html with the strict CSP and no-cache', async () => {
    const res = await fetch(`${built.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(HTML_CSP);
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves the service worker uncached and hashed assets for a year, with their MIME types', async () => {
    const sw = await fetch(`${built.url}/sw.js`);
    expect(sw.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const js = await fetch(`${built.url}/assets/index-3fA9b2Cd.js`);
    expect(await js.text()).toBe('console.log(1)');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const css = await fetch(`${built.url}/assets/style-Zx81kQp2.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const manifest = await fetch(`${built.url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
  });

  it('falls back to index.html for app routes, but not for missing files', async () => {
    const route = await fetch(`${built.url}/declarations/today`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>desk</title>');
    expect((await fetch(`${built.url}/assets/missing-12345678.js`)).status).toBe(404);
  });

  it('never serves a file outside the folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/a%00b']) {
      const res = await rawGet(built.url, path);
      expect(res.body, path).not.toContain('outside the folder');
      expect([200, 400, 404], path).toContain(res.status);
    }
  });

  it('without a build, / explains how to make one', async () => {
    const res = await fetch(`${missing.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run build:renderer');
  });
});
