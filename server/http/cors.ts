import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for the API. Allowed: the Electron desk (app://borderdesk), HQ's own origin (the
 * web desk it serves), and any extra origin the operator lists. Origins are compared as
 * parsed values, never by substring.
 */
export const CORS_ALLOWED_HEADERS = 'authorization, content-type, x-borderdesk-protocol';

function normalise(origin: string): string | null {
  if (origin === 'null') return null;
  try {
    const url = new URL(origin);
    // app://borderdesk has an opaque origin in WHATWG terms: compare scheme and host.
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}

function ownOrigin(req: IncomingMessage): string | null {
  const host = req.headers.host;
  if (host === undefined) return null;
  return normalise(`http://${host}`);
}

export type CorsVerdict = { kind: 'no_origin' } | { kind: 'allowed'; origin: string } | { kind: 'refused' };

export function judgeOrigin(req: IncomingMessage, allowed: readonly string[]): CorsVerdict {
  const header = req.headers.origin;
  if (header === undefined) return { kind: 'no_origin' };
  const origin = normalise(header);
  if (origin === null) return { kind: 'refused' };
  if (origin === ownOrigin(req)) return { kind: 'allowed', origin: header };
  const list = allowed.map(normalise);
  return list.includes(origin) ? { kind: 'allowed', origin: header } : { kind: 'refused' };
}

export function setCorsHeaders(res: ServerResponse, origin: string, isPreflight: boolean): void {
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  // Not a CORS-safelisted header: without this the desk could not read how long a sign-in lock lasts.
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  if (isPreflight) {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
  }
}
