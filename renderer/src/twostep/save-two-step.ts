import { decideTwoStepMutation, fail, ok, type Result, type TwoStepChange, type TwoStepRecord } from '../../../shared/index';
import { appendToOutbox } from '../db/audit-chain';
import type { DeskDb } from '../db/desk-db';

/**
 * Every change the desk makes to a two-step entry (create, edit, an event recorded at
 * the yard), offline: the shared decideTwoStepMutation decides it exactly as HQ will,
 * then the entry, the outbox entry and the audit link are written in ONE transaction.
 * A refused change (an illegal transition, an edit of a declared entry) writes nothing
 * and comes back with the machine's reason.
 */
export interface Who {
  officerId: string;
  deviceId: string;
}

export async function saveTwoStepChange(db: DeskDb, change: TwoStepChange, who: Who): Promise<Result<TwoStepRecord>> {
  const recordId = change.type === 'two_step.create' ? change.record.id : change.recordId;
  try {
    return await db.transaction('rw', [db.twoStepEntries, db.outbox, db.audit], async () => {
      const held = await db.twoStepEntries.get(recordId);
      const decided = decideTwoStepMutation(change, held, who, change.deskTime);
      if (!decided.ok) return decided;
      // The desk's copy: HQ has not seen a new entry yet.
      const record = change.type === 'two_step.create' ? { ...decided.data.record, hqReceivedAt: null } : decided.data.record;
      await db.twoStepEntries.put(record);
      await appendToOutbox(db, [{ mutation: change, recordId, officerId: who.officerId, ...(held === undefined ? {} : { previousEntry: held }) }], change.deskTime);
      return ok(record);
    });
  } catch (error) {
    return fail('internal', `保存失败 / Could not save: ${String(error)}`);
  }
}

/** The change as a mutation without its audit link (appendToOutbox links it). */
export function twoStepChange<T extends Omit<TwoStepChange, 'id' | 'deskTime'>>(body: T, now: Date = new Date()): T & { id: string; deskTime: string } {
  return { ...body, id: crypto.randomUUID(), deskTime: now.toISOString() };
}
