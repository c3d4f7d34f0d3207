import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { sha256Hex } from './sha256';

/**
 * The audit trail (DESIGN.md, Security): every change a desk makes is a link of that
 * desk's hash chain. Link n covers the change's canonical text and link n-1's hash, so
 * a removed, changed or reordered entry breaks every hash after it.
 *
 *   hash(n) = SHA-256( n + "\n" + hash(n-1) + "\n" + canonicalJson(change without its audit link) )
 *   hash(0) = AUDIT_GENESIS
 *
 * The desk makes link n in the same Dexie transaction as the change and its outbox
 * entry; HQ checks each link as it arrives (server/sync/audit-*.ts) and an administrator
 * re-verifies a desk's whole chain from what HQ stored (the console).
 */
export const AUDIT_GENESIS = '0'.repeat(64);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hash: 64 lower-case hex digits');

export const auditLinkSchema = z.object({
  /** Position in the desk's chain, from 1, no gaps. */
  n: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** The hash of link n-1 (AUDIT_GENESIS for n = 1). */
  prev: hex64,
  hash: hex64,
});
export type AuditLink = z.infer<typeof auditLinkSchema>;

export type Sha256 = (text: string) => string;

/** The hash of link n over a change already in canonical text. */
export function auditHashOfText(n: number, prev: string, canonicalBody: string, sha256: Sha256 = sha256Hex): string {
  return sha256(`${n}\n${prev}\n${canonicalBody}`);
}

/** The change as its link covers it: everything but the `audit` member, canonical. */
export function auditBody(change: object): string {
  const { audit: _link, ...body } = change as Record<string, unknown>;
  return canonicalJson(body);
}

/** The link that follows `head` (null: the chain is empty) for `change`. */
export function nextAuditLink(head: { n: number; hash: string } | null, change: object, sha256: Sha256 = sha256Hex): AuditLink {
  const n = (head?.n ?? 0) + 1;
  const prev = head?.hash ?? AUDIT_GENESIS;
  return { n, prev, hash: auditHashOfText(n, prev, auditBody(change), sha256) };
}

export const AUDIT_PROBLEM_KINDS = ['hash_mismatch', 'link_mismatch', 'fork', 'gap'] as const;
export type AuditProblemKind = (typeof AUDIT_PROBLEM_KINDS)[number];
export interface AuditProblem {
  n: number;
  kind: AuditProblemKind;
  message: string;
}

const PROBLEM_TEXT: Record<AuditProblemKind, (n: number) => string> = {
  hash_mismatch: (n) => `第 ${n} 条的哈希与内容不符（内容被改动）/ Entry ${n}: its hash does not match its content (changed)`,
  link_mismatch: (n) => `第 ${n} 条未接上第 ${n - 1} 条（条目被改动或删除）/ Entry ${n} does not follow entry ${n - 1} (changed or removed)`,
  fork: (n) => `第 ${n} 条出现两个不同版本 / Two different entries numbered ${n}`,
  gap: (n) => `缺少第 ${n} 条之前的条目 / Entries before ${n} are missing`,
};

export function auditProblem(n: number, kind: AuditProblemKind): AuditProblem {
  return { n, kind, message: PROBLEM_TEXT[kind](n) };
}

export interface StoredAuditEntry {
  n: number;
  prev: string;
  hash: string;
  /** auditBody(change) as it was hashed. */
  body: string;
}

export interface ChainVerdict {
  /** Entries looked at. */
  checked: number;
  /** The last entry of the unbroken run from link 1 (n 0 when there is none). */
  head: { n: number; hash: string };
  problems: AuditProblem[];
}

/**
 * How far a verification has got through a chain read in order of n: what
 * continueAuditChain needs to go on with the next page, so that HQ can verify a long
 * stored chain a page at a time instead of holding all of it.
 */
export interface AuditChainProgress extends ChainVerdict {
  /** No problem met yet: the head still moves. */
  unbroken: boolean;
  /** The last entry looked at (n 0 before the first). */
  previous: { n: number; hash: string } | null;
}

export function startAuditChain(): AuditChainProgress {
  return { checked: 0, head: { n: 0, hash: AUDIT_GENESIS }, problems: [], unbroken: true, previous: null };
}

/** Goes on from `progress` with the next entries, which must come in order of n (ties in any order). */
export function continueAuditChain(
  progress: AuditChainProgress,
  sortedEntries: readonly StoredAuditEntry[],
  sha256: Sha256 = sha256Hex,
): AuditChainProgress {
  const problems = [...progress.problems];
  let { head, unbroken, previous } = progress;
  for (const entry of sortedEntries) {
    if (previous !== null && previous.n === entry.n) {
      if (previous.hash !== entry.hash) problems.push(auditProblem(entry.n, 'fork'));
      unbroken = false;
      continue;
    }
    const expectedN = (previous?.n ?? 0) + 1;
    const expectedPrev = previous === null ? AUDIT_GENESIS : previous.hash;
    if (entry.n !== expectedN) {
      problems.push(auditProblem(entry.n, 'gap'));
      unbroken = false;
    } else if (entry.prev !== expectedPrev) {
      problems.push(auditProblem(entry.n, 'link_mismatch'));
      unbroken = false;
    }
    if (auditHashOfText(entry.n, entry.prev, entry.body, sha256) !== entry.hash) {
      problems.push(auditProblem(entry.n, 'hash_mismatch'));
      unbroken = false;
    }
    if (unbroken) head = { n: entry.n, hash: entry.hash };
    previous = { n: entry.n, hash: entry.hash };
  }
  return { checked: progress.checked + sortedEntries.length, head, problems, unbroken, previous };
}

/**
 * Verifies a desk's chain from link 1: each entry's own hash, each link to the one
 * before, no number twice, no number missing. Entries may come in any order.
 */
export function verifyAuditChain(entries: readonly StoredAuditEntry[], sha256: Sha256 = sha256Hex): ChainVerdict {
  const sorted = [...entries].sort((a, b) => a.n - b.n);
  const { checked, head, problems } = continueAuditChain(startAuditChain(), sorted, sha256);
  return { checked, head, problems };
}
