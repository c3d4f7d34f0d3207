import {
  canonicalJson,
  checkInspectionRecord,
  fail,
  type InspectionOrder,
  type InspectionRecord,
  inspectionOrderSchema,
  inspectionRecordSchema,
  ok,
  type Result,
} from '../../../shared/index';
import { appendToOutbox, type ChangeToLink } from '../db/audit-chain';
import type { DeskDb } from '../db/desk-db';

export interface InspectionToSave {
  order: InspectionOrder;
  record: InspectionRecord;
}

export interface SavedInspection {
  /** The mutations queued, in order: the order's (when new here) then the record's. */
  mutationIds: string[];
}

const firstIssue = (prefix: string, issues: readonly { path: PropertyKey[]; message: string }[]) => {
  const issue = issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  return { field: path === '' ? prefix.replace(/\.$/, '') : `${prefix}${path}`, message: issue?.message ?? '' };
};

/**
 * Records an inspection at the yard, offline: the order (布控指令) as the officer received
 * it and the record made against it. Checked here as HQ will check it (shared
 * checkInspectionRecord: disposal by result, findings, every departure from the order a
 * deviation with a reason); the consignment must be one this desk knows, and every
 * attachment the record names must be kept on this desk (the upload queue sends it after
 * the push). Then the order (unless this desk already holds it), the record, their outbox
 * entries and audit links in ONE transaction: both are saved or neither.
 *
 * The inspection mutation carries its order, because HQ decides each kind of record on
 * its own and checks the record against the order it carries.
 */
export async function saveInspection(db: DeskDb, input: InspectionToSave, now: Date = new Date()): Promise<Result<SavedInspection>> {
  const order = inspectionOrderSchema.safeParse(input.order);
  if (!order.success) {
    const issue = firstIssue('order.', order.error.issues);
    return fail('validation', `布控指令不完整 / Order incomplete: ${issue.message}`, issue.field);
  }
  const record = inspectionRecordSchema.safeParse(input.record);
  if (!record.success) {
    const issue = firstIssue('', record.error.issues);
    return fail('validation', `查验记录不完整 / Inspection record incomplete: ${issue.message}`, issue.field);
  }
  const checked = checkInspectionRecord(record.data, order.data);
  if (!checked.ok) return checked;

  const consignment = await db.consignments.get(order.data.consignmentId);
  if (consignment === undefined) {
    return fail('not_found', '找不到该批货物，请先登记到货或同步 / Consignment unknown here: record it or sync first', 'consignmentId');
  }
  if (consignment.portId !== order.data.portId) {
    return fail('validation', `该批货物属于 ${consignment.portId} 口岸 / The consignment belongs to port ${consignment.portId}`, 'order.portId');
  }
  const kept = new Set((await db.attachments.bulkGet(record.data.attachments.map((a) => a.sha256))).filter((a) => a !== undefined).map((a) => a.sha256));
  const missing = record.data.attachments.findIndex((a) => !kept.has(a.sha256));
  if (missing >= 0) {
    const name = record.data.attachments[missing]?.fileName ?? '';
    return fail('validation', `附件 ${name} 不在本柜台，请重新添加 / Attachment ${name} is not on this desk: add it again`, `attachments.${missing}`);
  }

  const deskTime = now.toISOString();
  const mutationIds: string[] = [];
  try {
    await db.transaction('rw', [db.inspectionOrders, db.inspections, db.outbox, db.audit], async () => {
      const held = await db.inspectionOrders.get(order.data.id);
      if (held !== undefined && canonicalJson(held) !== canonicalJson(order.data)) {
        throw new OrderDiffers(held.requirementCode);
      }
      if ((await db.inspections.get(record.data.id)) !== undefined) throw new RecordExists();
      const changes: ChangeToLink[] = [];
      if (held === undefined) {
        await db.inspectionOrders.add(order.data);
        const id = crypto.randomUUID();
        mutationIds.push(id);
        changes.push({ mutation: { id, type: 'inspection_order.create', deskTime, record: order.data }, recordId: order.data.id, officerId: record.data.officerId });
      }
      await db.inspections.add(record.data);
      const id = crypto.randomUUID();
      mutationIds.push(id);
      changes.push({ mutation: { id, type: 'inspection.create', deskTime, record: record.data, order: order.data }, recordId: record.data.id, officerId: record.data.officerId });
      await appendToOutbox(db, changes, deskTime);
    });
  } catch (error) {
    mutationIds.length = 0;
    if (error instanceof OrderDiffers) {
      return fail('conflict', `布控指令 ${error.code} 已以不同内容保存 / Order ${error.code} is already saved with other contents`, 'order.id');
    }
    if (error instanceof RecordExists) return fail('conflict', '该查验记录已保存 / This inspection is already saved', 'id');
    return fail('internal', `保存失败 / Could not save: ${String(error)}`);
  }
  return ok({ mutationIds });
}

class OrderDiffers extends Error {
  constructor(readonly code: string) {
    super('order differs');
  }
}

class RecordExists extends Error {}
