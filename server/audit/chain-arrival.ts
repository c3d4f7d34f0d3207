import { AUDIT_GENESIS, type AuditProblem, auditProblem } from '../../shared/index';

/**
 * Checking a desk's audit chain as its links arrive (DESIGN.md, Security; the chain is
 * shared/audit/chain.ts). Pure: server/audit/chain-store.ts loads what is needed and
 * stores the verdict.
 *
 * Deliveries can be reordered or split, so a link is checked against whatever of its
 * neighbours HQ holds: its own hash, its link to entry n-1 when HQ has it, and entry
 * n+1's link to it when HQ already has that one. A neighbour HQ does not hold yet is
 * WAITING, not a break: the pair is checked when the second of them arrives. Two
 * different entries with one number are a fork.
 */
export interface ChainLink {
  n: number;
  prev: string;
  hash: string;
  /** The hash is the hash of the entry's own content (checked with node:crypto). */
  isHashValid: boolean;
}

export interface ArrivingLink extends ChainLink {
  mutationId: string;
}

export interface ChainHead {
  n: number;
  hash: string;
}

export interface ChainBreak extends AuditProblem {
  /** The arriving mutation whose check found the break. */
  mutationId: string;
}

/** Every link HQ knows of a chain's stretch, by number (a fork has two under one). */
export type KnownLinks = Map<number, ChainLink[]>;

function add(known: KnownLinks, link: ChainLink): void {
  const same = known.get(link.n);
  if (same === undefined) known.set(link.n, [link]);
  else same.push(link);
}

/**
 * Checks arriving links in batch order against the stored ones (`stored`: at least every
 * stored link numbered n-1, n or n+1 of an arriving n) and the earlier arrivals.
 * Returns the breaks found and every link known afterwards.
 */
export function checkArrivals(stored: readonly ChainLink[], arriving: readonly ArrivingLink[]): { breaks: ChainBreak[]; known: KnownLinks } {
  const known: KnownLinks = new Map();
  for (const link of stored) add(known, link);
  const breaks: ChainBreak[] = [];
  const report = (n: number, kind: ChainBreak['kind'], mutationId: string) => breaks.push({ ...auditProblem(n, kind), mutationId });
  for (const link of arriving) {
    if (!link.isHashValid) report(link.n, 'hash_mismatch', link.mutationId);
    const same = known.get(link.n) ?? [];
    if (same.some((other) => other.hash !== link.hash)) {
      report(link.n, 'fork', link.mutationId);
    } else {
      const before = link.n === 1 ? [{ hash: AUDIT_GENESIS }] : known.get(link.n - 1);
      if (before !== undefined && !before.some((other) => other.hash === link.prev)) report(link.n, 'link_mismatch', link.mutationId);
      // An entry with this number and hash was there already: its successors were
      // checked against that hash when they arrived.
      if (same.length === 0) {
        for (const next of known.get(link.n + 1) ?? []) {
          if (next.prev !== link.hash) report(link.n + 1, 'link_mismatch', link.mutationId);
        }
      }
    }
    add(known, link);
  }
  return { breaks, known };
}

/**
 * The end of the unbroken run from link 1, walking on from `head` through `known`: each
 * next link alone under its number, with a valid hash, linked to the one before.
 * `needsMore`: the walk stopped only because HQ did not look for link n+1 yet (it may be
 * stored): the caller reads further and walks again.
 */
export function walkHead(head: ChainHead, known: KnownLinks, isLookedUp: (n: number) => boolean): { head: ChainHead; needsMore: boolean } {
  let { n, hash } = head;
  for (;;) {
    const next = known.get(n + 1);
    if (next === undefined) return { head: { n, hash }, needsMore: !isLookedUp(n + 1) };
    const first = next[0];
    if (first === undefined || next.some((other) => other.hash !== first.hash)) break;
    const link = next.find((candidate) => candidate.isHashValid && candidate.prev === hash);
    if (link === undefined) break;
    n = link.n;
    hash = link.hash;
  }
  return { head: { n, hash }, needsMore: false };
}

/**
 * A fork at or below the head is a second, different entry under a number the run
 * already covered: the run now ends before it, and the head goes back to the entry
 * before the lowest such fork. (An arriving copy with the same hash but other content
 * is a hash_mismatch; the entry the run holds is intact, so the run stays.)
 */
export function headAfterBreaks(head: ChainHead, breaks: readonly ChainBreak[], known: KnownLinks): ChainHead {
  const lowest = Math.min(...breaks.filter((b) => b.kind === 'fork' && b.n <= head.n).map((b) => b.n));
  if (!Number.isFinite(lowest)) return head;
  if (lowest <= 1) return { n: 0, hash: AUDIT_GENESIS };
  const kept = known.get(lowest - 1)?.[0];
  return kept === undefined ? { n: 0, hash: AUDIT_GENESIS } : { n: lowest - 1, hash: kept.hash };
}
