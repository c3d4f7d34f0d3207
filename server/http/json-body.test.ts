import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds } from './json-body';

/** The plain definition, character by character: what the fast version must agree with. */
function depthExceedsSlowly(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (++depth > limit) return true;
    } else if (c === '}' || c === ']') depth--;
  }
  return false;
}

describe('jsonDepthExceeds', () => {
  it('counts nesting outside strings only, escapes included', () => {
    expect(jsonDepthExceeds('[[[1]]]', 3)).toBe(false);
    expect(jsonDepthExceeds('[[[[1]]]]', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":"[[[[[[[[","b":[1]}', 2)).toBe(false);
    expect(jsonDepthExceeds('{"a":"\\\\"}', 0)).toBe(true);
    expect(jsonDepthExceeds('["\\"[[[[", [[[1]]]]', 3)).toBe(true);
    expect(jsonDepthExceeds('["\\\\\\"[[[["]', 1)).toBe(false);
    expect(jsonDepthExceeds('"unterminated [[[[', 1)).toBe(false);
  });

  it('agrees with the character-by-character definition on any text and any JSON', () => {
    const texts = fc.oneof(
      fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', ',', ':') }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(texts, fc.integer({ min: 0, max: 6 }), (text, limit) => {
        expect(jsonDepthExceeds(text, limit)).toBe(depthExceedsSlowly(text, limit));
      }),
      { numRuns: 3000 },
    );
  });
});
