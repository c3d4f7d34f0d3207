/**
 * The renderer's Content-Security-Policy, sent as a response header by the `app://`
 * scheme handler. Nothing inline, nothing remote except HQ for fetch: a script injected
 * through a record field cannot run, and data can only leave towards HQ.
 * React sets `style` through the CSSOM, which CSP does not block, so no 'unsafe-inline'.
 */
export function buildContentSecurityPolicy(hqOrigin: string): string {
  if (!/^https?:\/\/[A-Za-z0-9.\-[\]:]+$/.test(hqOrigin)) {
    throw new Error(`CSP: HQ origin must be a bare http(s) origin, got ${JSON.stringify(hqOrigin)}`);
  }
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", hqOrigin]],
    ['worker-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
