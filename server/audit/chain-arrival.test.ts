import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIT_GENESIS, nextAuditLink } from '../../shared/index';
import { type ArrivingLink, checkArrivals, headAfterBreaks, walkHead } from './chain-arrival';
import { rangesOf } from './chain-store';
import { nodeSha256 } from './node-sha256';

/** A desk's chain of `length` links, as they arrive at HQ (hashes valid). */
function chain(length: number, tag = 'a'): ArrivingLink[] {
  const links: ArrivingLink[] = [];
  let head: { n: number; hash: string } | null = null;
  for (let i = 0; i < length; i++) {
    const link = nextAuditLink(head, { id: `${tag}${i}` }, nodeSha256);
    links.push({ ...link, isHashValid: true, mutationId: `${tag}${i}` });
    head = link;
  }
  return links;
}

const kinds = (breaks: { n: number; kind: string }[]) => breaks.map((b) => [b.n, b.kind]);

describe('checking links on arrival', () => {
  it('finds nothing wrong with an intact chain delivered in pieces, in any order, and walks to its end (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }).chain((n) => fc.tuple(fc.constant(n), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }), fc.nat(n))), ([length, order, split]) => {
        const links = chain(length);
        const arriving = order.map((i) => links[i] as ArrivingLink);
        // Two pushes: the first `split` links of the order, then the rest (checked against the first).
        const first = checkArrivals([], arriving.slice(0, split));
        const stored = [...first.known.values()].flat();
        const second = checkArrivals(stored, arriving.slice(split));
        const walked = walkHead({ n: 0, hash: AUDIT_GENESIS }, second.known, () => true);
        return first.breaks.length === 0 && second.breaks.length === 0 && walked.head.n === length && walked.head.hash === links.at(-1)?.hash;
      }),
    );
  });

  it('waits at a missing link, and asks for more when it did not look', () => {
    const links = chain(5);
    const { breaks, known } = checkArrivals([], [links[0], links[2], links[3]] as ArrivingLink[]);
    expect(breaks).toEqual([]);
    expect(walkHead({ n: 0, hash: AUDIT_GENESIS }, known, () => true)).toEqual({ head: { n: 1, hash: links[0]?.hash }, needsMore: false });
    expect(walkHead({ n: 0, hash: AUDIT_GENESIS }, known, (n) => n !== 2).needsMore).toBe(true);
  });

  it('names a changed entry, a broken link (either side arriving first) and a fork, with the arriving mutation', () => {
    const links = chain(4);
    const changed = { ...(links[1] as ArrivingLink), isHashValid: false };
    expect(kinds(checkArrivals([links[0] as ArrivingLink], [changed]).breaks)).toEqual([[2, 'hash_mismatch']]);

    const stray = { ...(chain(2, 'x')[1] as ArrivingLink) };
    expect(kinds(checkArrivals([links[0] as ArrivingLink], [stray]).breaks)).toEqual([[2, 'link_mismatch']]);
    // The successor came first: found when its predecessor arrives.
    const late = checkArrivals([links[2] as ArrivingLink], [chain(2, 'y')[1] as ArrivingLink]);
    expect(kinds(late.breaks)).toEqual([[3, 'link_mismatch']]);
    expect(late.breaks[0]?.mutationId).toBe('y1');

    const forked = checkArrivals(links.slice(0, 2), [stray]);
    expect(kinds(forked.breaks)).toEqual([[2, 'fork']]);
    expect(kinds(checkArrivals([], [links[0] as ArrivingLink, { ...(links[0] as ArrivingLink), hash: 'f'.repeat(64), mutationId: 'z' }]).breaks)).toEqual([[1, 'fork']]);
    // A first link that does not start at the genesis hash.
    expect(kinds(checkArrivals([], [{ ...(links[0] as ArrivingLink), prev: 'e'.repeat(64) }]).breaks)).toEqual([[1, 'link_mismatch']]);
  });

  it('stops the walk at a fork and at an invalid entry, and moves a head back before a fork below it', () => {
    const links = chain(4);
    const fork = { ...(links[2] as ArrivingLink), hash: 'f'.repeat(64), mutationId: 'fork' };
    const { breaks, known } = checkArrivals(links.slice(0, 4), [fork]);
    const head = { n: 4, hash: links[3]?.hash ?? '' };
    const back = headAfterBreaks(head, breaks, known);
    expect(back).toEqual({ n: 2, hash: links[1]?.hash });
    expect(walkHead(back, known, () => true).head).toEqual(back);

    const invalid = checkArrivals([], [links[0] as ArrivingLink, { ...(links[1] as ArrivingLink), isHashValid: false }, links[2] as ArrivingLink]);
    expect(walkHead({ n: 0, hash: AUDIT_GENESIS }, invalid.known, () => true).head.n).toBe(1);
    // A changed copy with the right hash does not shorten the run: the stored entry stands.
    expect(headAfterBreaks(head, [{ n: 2, kind: 'hash_mismatch', message: '', mutationId: 'm' }], known)).toEqual(head);
  });
});

describe('rangesOf', () => {
  it('groups numbers into the fewest runs of consecutive ones', () => {
    expect(rangesOf([5, 1, 2, 3, 7, 8, 3])).toEqual([
      { lo: 1, hi: 3 },
      { lo: 5, hi: 5 },
      { lo: 7, hi: 8 },
    ]);
    expect(rangesOf([])).toEqual([]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 200 })), (numbers) => {
        const covered = rangesOf(numbers).flatMap(({ lo, hi }) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i));
        return JSON.stringify(covered) === JSON.stringify([...new Set(numbers)].sort((a, b) => a - b));
      }),
    );
  });
});
