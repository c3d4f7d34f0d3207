import { DESK_APP_ORIGIN } from '../../shared/ipc';

/**
 * Origin of a URL string, or null when it does not parse. Node's WHATWG URL reports the
 * origin of a non-special scheme such as `app:` as the string "null", while Chromium
 * (where `app` is registered as a standard scheme) reports `app://borderdesk`; so for
 * those we build `protocol//host` ourselves. Hosts compare case-insensitively.
 */
export function originOf(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.origin !== 'null') return url.origin;
  if (url.host === '') return null;
  return `${url.protocol}//${url.host.toLowerCase()}`;
}

/** True only for URLs whose parsed origin is exactly the desk's own `app://borderdesk`. */
export function isDeskAppUrl(raw: string): boolean {
  return originOf(raw) === DESK_APP_ORIGIN;
}

/**
 * An external link the desk may hand to the operating system: http or https only, so
 * `file:`, `javascript:`, `smb:` and custom protocol handlers can never be launched
 * from the renderer. Returns the parsed URL (use its `href`, not the raw string).
 */
export function parseExternalUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.hostname === '') return null;
  return url;
}
