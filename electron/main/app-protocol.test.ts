import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ registerSchemesAsPrivileged: vi.fn() }));
vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: electron.registerSchemesAsPrivileged } }));

import {
  APP_HOST,
  APP_SCHEME,
  createAppRequestHandler,
  registerAppSchemePrivileges,
  resolveAppPath,
} from './app-protocol';

const CSP = "default-src 'none'; script-src 'self'";
const SECRET = 'SECRET-OUTSIDE-THE-RENDERER';
let base = '';
let root = '';
let serve: ReturnType<typeof createAppRequestHandler>;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'bd-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>BorderDesk</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log("desk")');
  await writeFile(join(base, 'secret.txt'), SECRET);
  await writeFile(join(base, 'renderer-evil.txt'), SECRET);
  await symlink(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
  serve = createAppRequestHandler({ rootDir: root, contentSecurityPolicy: CSP });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => serve({ url, method });

describe('app:// scheme registration', () => {
  it('registers app://borderdesk as standard, secure, fetch-capable, and nothing more', () => {
    registerAppSchemePrivileges();
    expect(APP_SCHEME).toBe('app');
    expect(APP_HOST).toBe('borderdesk');
    expect(electron.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

describe('app:// request handler', () => {
  it('serves index.html at the root with the CSP header', async () => {
    const response = await get('app://borderdesk/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>BorderDesk</title>');
  });

  it('serves assets with their MIME type, HEAD without a body', async () => {
    const response = await get('app://borderdesk/assets/app.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log("desk")');
    const head = await get('app://borderdesk/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers client-side routes with index.html but a missing asset with 404', async () => {
    expect(await (await get('app://borderdesk/declarations/42')).text()).toContain('BorderDesk');
    const missing = await get('app://borderdesk/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CSP);
  });

  it('refuses other hosts and methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://borderdesk.evil/index.html')).status).toBe(404);
    expect((await get('app://borderdesk/', 'POST')).status).toBe(405);
  });

  it.each([
    'app://borderdesk/../secret.txt',
    'app://borderdesk/../../secret.txt',
    'app://borderdesk/%2e%2e/secret.txt',
    'app://borderdesk/..%2fsecret.txt',
    'app://borderdesk/%2e%2e%2fsecret.txt',
    'app://borderdesk/assets/..%2f..%2fsecret.txt',
    'app://borderdesk/..%5csecret.txt',
    'app://borderdesk/%2e%2e%5csecret.txt',
    'app://borderdesk/..%2frenderer-evil.txt',
    'app://borderdesk/secret.txt%00.html',
    'app://borderdesk/assets/link.txt',
  ])('never serves a file outside the renderer folder: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('keeps traversal out at the path level too', () => {
    expect(resolveAppPath(root, 'app://borderdesk/..%2f..%2fsecret.txt')).toBeNull();
    // URL parsing clamps dot segments at the root, so these stay inside the folder.
    expect(resolveAppPath(root, 'app://borderdesk/a/%2e%2e/%2e%2e/secret.txt')).toBe(join(root, 'secret.txt'));
    expect(resolveAppPath(root, 'app://borderdesk/%2fetc%2fpasswd')).toBe(join(root, 'etc', 'passwd'));
    expect(resolveAppPath(root, 'https://borderdesk/index.html')).toBeNull();
    expect(resolveAppPath(root, 'app://borderdesk/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveAppPath(root, 'app://borderdesk/assets/')).toBe(join(root, 'assets', 'index.html'));
  });
});
