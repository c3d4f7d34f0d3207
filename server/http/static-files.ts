import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { contentTypeOf } from '../../shared/mime-types';
import { CONSOLE_PATH } from '../../shared/index';
import { sendError, sendJson } from './respond';

/**
 * Serves the built renderer (vite's dist/renderer) so that HQ is also the web desk.
 * Rules: files only from inside the folder; unknown paths without a file extension get
 * index.html (client-side routes); index.html and sw.js are never cached without asking
 * (a new build must reach the desk); hashed files under assets/ are cached for a year.
 * Refusals are JSON `{ error: { code, message } }` like every other non-2xx answer of HQ.
 * HQ's web console (CONSOLE_PATH, /console/) is another page of the same build,
 * console.html: its paths get that page instead of the desk's, under the same CSP.
 */
export const HTML_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";


const HASHED_ASSET = /^\/assets\/.+[.-][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>BorderDesk HQ</title></head>
<body style="font-family: sans-serif; margin: 3rem">
<h1>BorderDesk HQ is running</h1>
<p>The desk's web build was not found. Run <code>npm run build:renderer</code>, then restart HQ
(or start it with <code>--static &lt;folder&gt;</code>).</p>
<p>界面文件未构建：请先运行 <code>npm run build:renderer</code>。</p>
</body></html>
`;

function cacheControlFor(urlPath: string): string {
  if (HASHED_ASSET.test(urlPath)) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

async function fileAt(path: string): Promise<Stats | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info : null;
  } catch {
    return null;
  }
}

function sendFile(req: IncomingMessage, res: ServerResponse, path: string, info: Stats, urlPath: string): void {
  const type = contentTypeOf(extname(path));
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', info.size);
  res.setHeader('Cache-Control', cacheControlFor(urlPath));
  res.setHeader('Last-Modified', info.mtime.toUTCString());
  if (type.startsWith('text/html')) res.setHeader('Content-Security-Policy', HTML_CSP);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.once('error', () => res.destroy());
  stream.pipe(res);
}

function sendPage(res: ServerResponse, html: string): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Content-Security-Policy', HTML_CSP);
  res.end(html);
}

const notFound = (res: ServerResponse) => sendError(res, { code: 'not_found', message: '没有此文件 / Not found' });

/** Decoded URL path, or null when it cannot name a file (bad escapes, NUL, backslash). */
function safeDecode(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  return decoded;
}

export function createStaticHandler(folder: string): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const root = resolve(folder);
  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendJson(res, 405, { error: { code: 'bad_request', message: '请使用 GET / Use GET or HEAD' } });
      return;
    }
    const index = resolve(root, 'index.html');
    const indexInfo = await fileAt(index);
    if (indexInfo === null) {
      if (url.pathname === '/' || url.pathname === '/index.html') sendPage(res, MISSING_BUILD_PAGE);
      else notFound(res);
      return;
    }
    const decoded = safeDecode(url.pathname);
    if (decoded === null) {
      sendError(res, { code: 'bad_request', message: '路径无效 / Bad path' });
      return;
    }
    const target = resolve(root, `.${decoded}`);
    // resolve() has removed every `..`; what is left must still be inside the folder.
    if (target !== root && !target.startsWith(root + sep)) {
      notFound(res);
      return;
    }
    const info = target === root ? null : await fileAt(target);
    if (info !== null) {
      sendFile(req, res, target, info, decoded);
      return;
    }
    if (decoded === CONSOLE_PATH.slice(0, -1)) {
      res.statusCode = 308;
      res.setHeader('Location', CONSOLE_PATH);
      res.end();
      return;
    }
    if (decoded.startsWith(CONSOLE_PATH) && (extname(decoded) === '' || decoded.endsWith('.html'))) {
      const consolePage = resolve(root, 'console.html');
      const consoleInfo = await fileAt(consolePage);
      if (consoleInfo === null) notFound(res);
      else sendFile(req, res, consolePage, consoleInfo, '/console.html');
      return;
    }
    if (extname(decoded) !== '' && !decoded.endsWith('.html')) {
      // A missing script or image must fail loudly, not come back as the app's HTML.
      notFound(res);
      return;
    }
    sendFile(req, res, index, indexInfo, '/index.html');
  };
}
