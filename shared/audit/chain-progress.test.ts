import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditBody, continueAuditChain, nextAuditLink, type StoredAuditEntry, startAuditChain, verifyAuditChain } from './chain';

function chainOf(length: number): StoredAuditEntry[] {
  const entries: StoredAuditEntry[] = [];
  let head: { n: number; hash: string } | null = null;
  for (let i = 0; i < length; i++) {
    const change = { id: `m${i}`, type: 'declaration.create', value: i };
    const link = nextAuditLink(head, change);
    entries.push({ ...link, body: auditBody({ ...change, audit: link }) });
    head = link;
  }
  return entries;
}

/** A chain damaged in one of the ways verifyAuditChain names: changed, removed, forked. */
const damagedChain = fc
  .record({ length: fc.integer({ min: 1, max: 30 }), at: fc.nat(), how: fc.constantFrom('none', 'body', 'remove', 'fork', 'duplicate') })
  .map(({ length, at, how }) => {
    const entries = chainOf(length);
    const i = at % length;
    const target = entries[i] as StoredAuditEntry;
    if (how === 'body') entries[i] = { ...target, body: `${target.body} ` };
    if (how === 'remove') entries.splice(i, 1);
    if (how === 'fork') entries.splice(i + 1, 0, { ...target, hash: 'f'.repeat(64) });
    if (how === 'duplicate') entries.splice(i + 1, 0, target);
    return entries;
  });

describe('verifying a chain page by page', () => {
  it('gives the verdict of verifying it whole, wherever the pages are cut (a fork across a cut included)', () => {
    fc.assert(
      fc.property(damagedChain, fc.integer({ min: 1, max: 7 }), (entries, pageSize) => {
        const whole = verifyAuditChain(entries);
        let progress = startAuditChain();
        for (let start = 0; start < entries.length; start += pageSize) {
          progress = continueAuditChain(progress, entries.slice(start, start + pageSize));
        }
        expect({ checked: progress.checked, head: progress.head, problems: progress.problems }).toEqual(whole);
      }),
    );
  });

  it('does not change the progress it was given', () => {
    const start = startAuditChain();
    continueAuditChain(start, chainOf(3));
    expect(start).toEqual(startAuditChain());
  });
});
