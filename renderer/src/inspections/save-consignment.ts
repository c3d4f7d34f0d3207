import {
  type CapacityWarning,
  type Consignment,
  type ConsignmentDraft,
  checkConsignment,
  consignmentDraftSchema,
  cstDateOf,
  dayUsage,
  fail,
  ok,
  type Result,
} from '../../../shared/index';
import { appendToOutbox } from '../db/audit-chain';
import type { DeskDb } from '../db/desk-db';

/**
 * Records a consignment at the yard, offline: the desk's own check first (shared
 * checkConsignment against the site as this desk last pulled it — a site not approved and
 * in use for the category on the arrival date is REFUSED here with the reason, field
 * `siteId`), then the record, its outbox entry and its audit link in ONE transaction.
 * Capacity is a warning returned to the officer, never a refusal. HQ checks again with
 * its own, newer copy of the site and flags what it finds.
 */
export async function saveConsignment(db: DeskDb, draft: ConsignmentDraft, now: Date = new Date()): Promise<Result<{ mutationId: string; warnings: CapacityWarning[] }>> {
  const parsed = consignmentDraftSchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('validation', `到场货物信息不完整 / Consignment incomplete: ${issue?.message ?? ''}`, issue?.path.join('.') ?? '');
  }
  const record = parsed.data;
  const site = (await db.sites.get(record.siteId)) ?? null;
  const date = cstDateOf(new Date(record.arrivedAt));
  const sameDay = await db.consignments.where('[siteId+category]').equals([record.siteId, record.category]).toArray();
  const checked = checkConsignment(record, { site, usedThatDay: dayUsage(sameDay, record.siteId, record.category, date, record.id) });
  if (!checked.ok) return checked;
  const deskTime = now.toISOString();
  const mutationId = crypto.randomUUID();
  const stored: Consignment = { ...record, hqReceivedAt: null, flags: [], hqSiteVersion: null };
  try {
    await db.transaction('rw', db.consignments, db.outbox, db.audit, async () => {
      await db.consignments.add(stored);
      await appendToOutbox(db, [{ mutation: { id: mutationId, type: 'consignment.create', deskTime, record }, recordId: record.id, officerId: record.officerId }], deskTime);
    });
  } catch (error) {
    return fail('internal', `保存失败 / Could not save: ${String(error)}`);
  }
  return ok({ mutationId, warnings: checked.data.warnings });
}
