import { describe, expect, it } from 'vitest';
import { findUnstorableText, isStorableText } from './storable-text';

describe('storable text', () => {
  it('accepts ordinary text, Chinese and Vietnamese names, and paired surrogates (emoji)', () => {
    for (const text of ['', 'Nguyễn Văn An', '东兴互市贸易区', 'a\u0001b', '😀 ok', '\ud83d\ude00']) expect(isStorableText(text), text).toBe(true);
  });

  it('refuses NUL and unpaired surrogates, wherever they sit', () => {
    for (const text of ['a\u0000b', '\u0000', '\ud800', 'x\udc00', '\ude00\ud83d', 'ok\ud83d']) expect(isStorableText(text), JSON.stringify(text)).toBe(false);
  });

  it('names the path of the first unstorable string or key', () => {
    expect(findUnstorableText({ record: { lines: [{ name: 'ok' }, { name: 'bad\u0000' }] } })).toEqual(['record', 'lines', 1, 'name']);
    expect(findUnstorableText({ 'k\ud800': 1 })).toEqual(['k\ud800']);
    expect(findUnstorableText({ a: [1, null, true, 'fine'], b: { c: '东兴' } })).toBeNull();
  });
});
