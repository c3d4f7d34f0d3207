import { decideTwoStepMutation, isTwoStepMutation, type TwoStepRecord } from '../../../shared/index';
import type { DeskDb, OutboxEntry } from '../db/desk-db';

/**
 * HQ's entries with the desk's own two-step changes that HQ has not answered yet on top,
 * re-decided in outbox order with the same shared function HQ uses: an event recorded
 * offline does not vanish because a pull (say, a receipt) arrived before the push.
 * A pending change that no longer applies to HQ's newer state is left out here: HQ will
 * refuse it too, and the refusal reaches the officer.
 */
export async function withPendingTwoStep(db: DeskDb, pulled: TwoStepRecord[]): Promise<TwoStepRecord[]> {
  const pending: OutboxEntry[] = [];
  for (const type of ['two_step.create', 'two_step.update', 'two_step.event'] as const) {
    pending.push(...(await db.outbox.where('type').equals(type).toArray()));
  }
  if (pending.length === 0) return pulled;
  pending.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  // Who made each change: the audit link keeps the officer (the outbox entry does not).
  const links = await db.audit.where('mutationId').anyOf(pending.map((e) => e.id)).toArray();
  const officerOf = new Map(links.map((link) => [link.mutationId, link.officerId]));
  const byRecord = new Map<string, OutboxEntry[]>();
  for (const entry of pending) byRecord.set(entry.recordId, [...(byRecord.get(entry.recordId) ?? []), entry]);
  return pulled.map((record) => {
    let shown = record;
    for (const { mutation } of byRecord.get(record.id) ?? []) {
      if (!isTwoStepMutation(mutation) || mutation.type === 'two_step.create') continue;
      const who = { officerId: officerOf.get(mutation.id) ?? record.officerId, deviceId: record.deviceId };
      const decided = decideTwoStepMutation(mutation, shown, who, mutation.deskTime);
      if (decided.ok) shown = decided.data.record;
    }
    return shown;
  });
}

/**
 * HQ refused a two-step change: the entry goes back to what it was before it, unless
 * something has changed it since (then the next pull brings HQ's state).
 */
export async function undoRefusedTwoStep(db: DeskDb, entry: OutboxEntry): Promise<void> {
  const before = entry.previousEntry;
  if (before === undefined) return;
  const now = await db.twoStepEntries.get(entry.recordId);
  if (now !== undefined && now.version === before.version + 1) await db.twoStepEntries.put(before);
}
