import type { Queryable } from '../db/db';

/**
 * Why seqs are taken this way.
 *
 * A desk pulls "everything with seq > cursor" and then moves its cursor to the last seq
 * it saw. That is only safe if a seq can never become visible AFTER a larger one has
 * been read: otherwise a puller reads 11 while 10 is still uncommitted, moves to 11, and
 * never sees 10. A plain SEQUENCE has exactly that hole (numbers are handed out at once,
 * transactions commit in any order).
 *
 * So every writer of a port's data first locks the port's counter row (SELECT … FOR
 * UPDATE) inside its own transaction and keeps that lock until it commits. Writers of
 * one port therefore run one after another, each commits before the next can take a
 * number, and commits happen in seq order: any snapshot that sees seq N sees every seq
 * below N. Writers of different ports do not wait for each other.
 *
 * Locking first, before reading anything, also makes the push's reads (stored mutation
 * ids, the resident's duty-free usage that day) exact: no other writer of the port can
 * change them until this transaction ends.
 */
export async function lockPortCounter(tx: Queryable, portId: string): Promise<number | null> {
  const rows = await tx.query<{ last_seq: number }>('SELECT last_seq FROM ports WHERE port_id = $1 FOR UPDATE', [portId]);
  return rows[0]?.last_seq ?? null;
}

/**
 * Takes `count` seqs for the port; call after lockPortCounter in the same transaction.
 * Returns the first of them (they are first … first + count - 1).
 */
export async function takeSeqs(tx: Queryable, portId: string, count: number): Promise<number> {
  const rows = await tx.query<{ last_seq: number }>(
    'UPDATE ports SET last_seq = last_seq + $2 WHERE port_id = $1 RETURNING last_seq',
    [portId, count],
  );
  const last = rows[0]?.last_seq;
  if (last === undefined) throw new Error(`port ${portId} has no counter row`);
  return last - count + 1;
}
