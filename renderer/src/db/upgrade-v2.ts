import type { Transaction } from 'dexie';
import { type ChangeToLink, linkChanges, type UnlinkedMutation } from './audit-chain';
import type { AuditEntry, DeskDeclaration, OutboxEntry } from './desk-db';

/** An outbox entry as v1 stored it: a protocol v1 mutation, without an audit link or a type column. */
interface V1OutboxEntry {
  seq: number;
  id: string;
  recordId: string;
  mutation: UnlinkedMutation;
  createdAt: string;
}

function officerOf(mutation: UnlinkedMutation): string {
  // v1 made only declaration.create; its record names the officer.
  return mutation.type === 'declaration.create' ? mutation.record.officerId : '';
}

/**
 * v1 → v2 data step, inside Dexie's upgrade transaction (sync cannot run before it ends:
 * the scheduler starts once the database has opened).
 *
 * - The waiting v1 mutations become links 1…k of the desk's new audit chain, in outbox
 *   order, so they can still be pushed under protocol v2.
 * - Declarations get the v2 fields they lack (`version: 1`, `edits: {}`), and flagged
 *   ones the `flaggedOn` index key.
 */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const outbox = tx.table<V1OutboxEntry | OutboxEntry, number>('outbox');
  const waiting = (await outbox.orderBy('seq').toArray()) as V1OutboxEntry[];
  const changes: ChangeToLink[] = waiting.map((entry) => ({
    mutation: entry.mutation,
    recordId: entry.recordId,
    officerId: officerOf(entry.mutation),
  }));
  const linked = linkChanges(null, changes, new Date().toISOString());
  const entries: OutboxEntry[] = linked.entries.map((entry, index) => {
    const old = waiting[index] as V1OutboxEntry;
    return { ...entry, seq: old.seq, createdAt: old.createdAt };
  });
  if (entries.length > 0) {
    await outbox.bulkPut(entries);
    await tx.table<AuditEntry, number>('audit').bulkAdd(linked.audit);
  }
  await tx
    .table<Partial<DeskDeclaration>, string>('declarations')
    .toCollection()
    .modify((record) => {
      record.version ??= 1;
      record.edits ??= {};
      if ((record.flags?.length ?? 0) > 0 && record.tradeDate !== undefined) record.flaggedOn = record.tradeDate;
    });
}
