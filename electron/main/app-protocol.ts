import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type CustomScheme, protocol } from 'electron';
import { DESK_APP_ORIGIN } from '../../shared/ipc';
import { contentTypeOf } from '../../shared/mime-types';

const deskOrigin = new URL(DESK_APP_ORIGIN);
export const APP_SCHEME = deskOrigin.protocol.slice(0, -1);
export const APP_HOST = deskOrigin.host;

/**
 * `standard` gives the scheme a real origin (so IndexedDB, which Dexie needs, and
 * relative URLs work), `secure` makes it a secure context, `supportFetchAPI` lets the
 * renderer fetch its own files. No bypassCSP, no corsEnabled, no service workers.
 */
export const APP_SCHEME_DEFINITION = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const satisfies CustomScheme;

/** Must run before the app's `ready` event. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
}


/**
 * Maps a request URL to a file path inside `rootDir`, or null when the URL is not ours
 * or tries to leave the folder (`..`, encoded `%2e%2e` or `%2f`, backslashes, NUL,
 * absolute paths). The decoded path is resolved and then checked with `relative`,
 * so no spelling of a parent segment can escape.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== deskOrigin.protocol || url.host.toLowerCase() !== APP_HOST) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname === '' ? '/' : url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').includes('..')) return null;
  const root = resolve(rootDir);
  const target = resolve(root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  return isInside(root, target) ? target : null;
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

export interface AppRequestHandlerOptions {
  rootDir: string;
  contentSecurityPolicy: string;
}

/**
 * Serves the built renderer for `protocol.handle('app', …)`. Client-side routes
 * (no file extension, no such file) get index.html; every response carries the CSP.
 * Symlinks are resolved and must still land inside the folder.
 */
export function createAppRequestHandler(
  options: AppRequestHandlerOptions,
): (request: Pick<Request, 'url' | 'method'>) => Promise<Response> {
  const securityHeaders = {
    'content-security-policy': options.contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
  const plain = (status: number, text: string): Response =>
    new Response(text, { status, headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' } });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed');
    const requested = resolveAppPath(options.rootDir, request.url);
    if (requested === null) return plain(404, 'Not Found');
    try {
      const file = await pickFile(options.rootDir, requested);
      if (file === null) return plain(404, 'Not Found');
      const body = request.method === 'HEAD' ? null : await readFile(file);
      const contentType = contentTypeOf(extname(file));
      return new Response(body, {
        status: 200,
        headers: { ...securityHeaders, 'content-type': contentType, 'cache-control': 'no-cache' },
      });
    } catch (error) {
      console.error('[app-protocol] failed to serve', request.url, error);
      return plain(500, 'Internal Error');
    }
  };
}

async function pickFile(rootDir: string, requested: string): Promise<string | null> {
  const root = await realpath(resolve(rootDir));
  const existing = await realFile(requested);
  if (existing !== null) return isInside(root, existing) ? existing : null;
  if (extname(requested) !== '') return null;
  return realFile(join(root, 'index.html'));
}

async function realFile(path: string): Promise<string | null> {
  try {
    const real = await realpath(path);
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}
