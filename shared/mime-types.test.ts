import { describe, expect, it } from 'vitest';
import { contentTypeOf } from './mime-types';

describe('contentTypeOf', () => {
  it('names the build files the desk is made of, whatever the case of the extension', () => {
    expect(contentTypeOf('.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('.woff2')).toBe('font/woff2');
    expect(contentTypeOf('.webmanifest')).toBe('application/manifest+json; charset=utf-8');
  });

  it('answers an unknown or missing extension with a download type, never a guess that a browser would run', () => {
    expect(contentTypeOf('.exe')).toBe('application/octet-stream');
    expect(contentTypeOf('')).toBe('application/octet-stream');
  });
});
