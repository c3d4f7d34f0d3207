import Dexie from 'dexie';
import { type AuditLink, type DeclarationChanges, type Mutation, nextAuditLink, type TwoStepRecord } from '../../../shared/index';
import type { AuditEntry, DeclarationLifeChange, DeskDb, OutboxEntry } from './desk-db';

type WithoutAudit<T> = T extends unknown ? Omit<T, 'audit'> : never;
/** A change as the desk makes it, before it becomes a link of the audit chain. */
export type UnlinkedMutation = WithoutAudit<Mutation>;

export interface ChangeToLink {
  mutation: UnlinkedMutation;
  /** The declaration the change touches. */
  recordId: string;
  officerId: string;
  /** declaration.update: the values it replaces on the desk (kept with the outbox entry). */
  previous?: DeclarationChanges;
  /** two_step.*: the entry before the change (kept with the outbox entry). */
  previousEntry?: TwoStepRecord;
  /** declaration.event: the life before and after (kept with the outbox entry). */
  life?: DeclarationLifeChange;
}

export interface ChainHead {
  n: number;
  hash: string;
}

export interface LinkedChanges {
  entries: OutboxEntry[];
  audit: AuditEntry[];
  head: ChainHead | null;
}

/**
 * Makes each change the next link after `head`, in order (pure: shared nextAuditLink,
 * whose SHA-256 is synchronous so this can run inside an IndexedDB transaction).
 */
export function linkChanges(head: ChainHead | null, changes: readonly ChangeToLink[], createdAt: string): LinkedChanges {
  const entries: OutboxEntry[] = [];
  const audit: AuditEntry[] = [];
  let current = head;
  for (const { mutation, recordId, officerId, previous, previousEntry, life } of changes) {
    const link: AuditLink = nextAuditLink(current, mutation);
    const linked: Mutation = { ...mutation, audit: link };
    const entry: OutboxEntry = { id: linked.id, type: linked.type, recordId, mutation: linked, createdAt };
    if (previous !== undefined) entry.previous = previous;
    if (previousEntry !== undefined) entry.previousEntry = previousEntry;
    if (life !== undefined) entry.life = life;
    entries.push(entry);
    audit.push({
      n: link.n,
      mutationId: linked.id,
      type: linked.type,
      recordId,
      officerId,
      deskTime: linked.deskTime,
      prev: link.prev,
      hash: link.hash,
    });
    current = { n: link.n, hash: link.hash };
  }
  return { entries, audit, head: current };
}

/** The last link of this desk's chain, or null before the first change. */
export async function chainHead(db: DeskDb): Promise<ChainHead | null> {
  const last = await db.audit.orderBy('n').last();
  return last === undefined ? null : { n: last.n, hash: last.hash };
}

/**
 * Links changes into the chain and queues them for HQ. Must run inside a read-write
 * transaction over `audit` and `outbox` (and the tables the changes themselves touch):
 * the head is read and the new links written in that one transaction, so two saves at
 * once queue behind each other and never make two links with one n (`audit.n` is the
 * primary key besides: a second link n would fail the transaction, not fork the chain).
 */
export async function appendToOutbox(db: DeskDb, changes: readonly ChangeToLink[], createdAt: string): Promise<OutboxEntry[]> {
  const transaction = Dexie.currentTransaction;
  if (transaction === null || !transaction.storeNames.includes('audit') || !transaction.storeNames.includes('outbox')) {
    throw new Error('appendToOutbox runs inside a transaction over audit and outbox');
  }
  const linked = linkChanges(await chainHead(db), changes, createdAt);
  await db.audit.bulkAdd(linked.audit);
  await db.outbox.bulkAdd(linked.entries);
  return linked.entries;
}
