import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from './csp';

describe('buildContentSecurityPolicy', () => {
  const csp = buildContentSecurityPolicy('http://127.0.0.1:8787');
  const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));

  it('is the exact strict policy', () => {
    expect(csp).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self' http://127.0.0.1:8787; worker-src 'self'; manifest-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('lets the page talk to itself and the configured HQ only', () => {
    expect(directive('connect-src')).toBe("connect-src 'self' http://127.0.0.1:8787");
    expect(buildContentSecurityPolicy('https://hq.example.cn')).toContain("connect-src 'self' https://hq.example.cn;");
  });

  it('never allows inline or eval-ed script, or remote script', () => {
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*/);
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('default-src')).toBe("default-src 'none'");
  });

  it('refuses an HQ origin that would inject directives', () => {
    expect(() => buildContentSecurityPolicy("http://x; script-src 'unsafe-inline'")).toThrow(/bare http\(s\) origin/);
    expect(() => buildContentSecurityPolicy('http://hq/path')).toThrow();
    expect(() => buildContentSecurityPolicy('javascript:alert(1)')).toThrow();
  });
});
