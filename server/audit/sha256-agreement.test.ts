import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/index';
import { nodeSha256 } from './node-sha256';

const nodeSha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('shared sha256Hex (the desk) and node:crypto (HQ)', () => {
  it('agree on any text, Chinese and lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => sha256Hex(text) === nodeSha(text)), { numRuns: 500 });
    for (const length of [55, 56, 63, 64, 65, 119, 120, 1000]) expect(sha256Hex('东'.repeat(length))).toBe(nodeSha('东'.repeat(length)));
    expect(sha256Hex('\ud800x')).toBe(nodeSha('\ud800x'));
  });

  it('and HQ\'s one-shot nodeSha256 agrees with both', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => nodeSha256(text) === nodeSha(text) && nodeSha256(text) === sha256Hex(text)), { numRuns: 300 });
  });
});
