import { describe, expect, it } from 'vitest';
import { asciiJson } from './ascii-json';

describe('asciiJson', () => {
  it('writes every non-ASCII character as an escape and reads back to the same value', () => {
    const value = { name: '香蕉 Bananas', emoji: '🍌', plate: '桂P12345', plain: 'x"\\\n', lone: '\ud800' };
    const text = asciiJson(value);
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
