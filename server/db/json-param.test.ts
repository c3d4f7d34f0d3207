import { describe, expect, it } from 'vitest';
import { asciiJson } from './json-param';

describe('asciiJson', () => {
  it('escapes every non-ASCII character and reads back to the same value', () => {
    const value = { name: '香蕉 Bananas', emoji: '🍌', nested: [{ village: '竹山村' }], plain: 'x"\\' };
    const text = asciiJson(value);
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
