import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PATH } from '../../shared/index';
import { createStaticHandler, HTML_CSP } from './static-files';

/** HQ's web console is console.html of the same build, served at /console/ (docs/console.md). */
describe('static files: the console', () => {
  const root = mkdtempSync(join(tmpdir(), 'bd-console-'));
  let server: Server;
  let url: string;

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>desk</title>');
    writeFileSync(join(root, 'console.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(root, 'assets', 'console-3fA9b2Cd.js'), 'console.log(1)');
    const handler = createStaticHandler(root);
    server = createServer((req, res) => void handler(req, res, new URL(req.url ?? '/', 'http://x')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves console.html at /console/ and its client paths, with the strict CSP, uncached', async () => {
    for (const path of [CONSOLE_PATH, `${CONSOLE_PATH}index.html`, `${CONSOLE_PATH}audit`]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<title>console</title>');
      expect(res.headers.get('content-security-policy')).toBe(HTML_CSP);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('sends /console to /console/, and the desk stays at /', async () => {
    const res = await fetch(`${url}/console`, { redirect: 'manual' });
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe(CONSOLE_PATH);
    expect(await (await fetch(`${url}/`)).text()).toContain('<title>desk</title>');
    expect(await (await fetch(`${url}/consoles`)).text()).toContain('<title>desk</title>');
  });

  it('a missing file under /console/ is a 404, not the page', async () => {
    const res = await fetch(`${url}${CONSOLE_PATH}missing-12345678.js`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('answers 404 at /console/ when the build has no console page', async () => {
    rmSync(join(root, 'console.html'));
    expect((await fetch(`${url}${CONSOLE_PATH}`)).status).toBe(404);
  });
});
