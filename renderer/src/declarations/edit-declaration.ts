import {
  AUDIT_GENESIS,
  DECLARATION_EDITABLE_FIELDS,
  type DeclarationChanges,
  fail,
  mutationSchema,
  ok,
  type Result,
} from '../../../shared/index';
import { appendToOutbox, type UnlinkedMutation } from '../db/audit-chain';
import { type DeskDb, type DeskDeclaration, refusesRecord } from '../db/desk-db';

/** What the edit form holds: every editable field, as the officer left it. */
export interface EditableValues {
  vehiclePlate: string;
  carPool: boolean;
  remarks: string;
}

export function editableValuesOf(record: DeskDeclaration): EditableValues {
  return { vehiclePlate: record.vehiclePlate ?? '', carPool: record.carPool, remarks: record.remarks ?? '' };
}

/** Plates are kept as the form saves them: trimmed, upper case, empty → none. */
export function normalisePlate(text: string): string | null {
  const plate = text.trim().toUpperCase();
  return plate === '' ? null : plate;
}

/** Only the fields whose value differs from the record's (an absent remark counts as empty). */
export function changedFields(record: DeskDeclaration, values: EditableValues): DeclarationChanges {
  const changes: DeclarationChanges = {};
  const plate = normalisePlate(values.vehiclePlate);
  if (plate !== record.vehiclePlate) changes.vehiclePlate = plate;
  if (values.carPool !== record.carPool) changes.carPool = values.carPool;
  const remarks = values.remarks.trim();
  if (remarks !== (record.remarks ?? '')) changes.remarks = remarks;
  return changes;
}

/** The record's current values of the fields `changes` names (to put back if HQ refuses the edit). */
export function previousValues(record: DeskDeclaration, changes: DeclarationChanges): DeclarationChanges {
  const previous: DeclarationChanges = {};
  if ('vehiclePlate' in changes) previous.vehiclePlate = record.vehiclePlate;
  if ('carPool' in changes) previous.carPool = record.carPool;
  if ('remarks' in changes) previous.remarks = record.remarks ?? '';
  return previous;
}

/** `record` with `changes` on top (the desk's optimistic state of a pending edit). */
export function withChanges<T extends DeskDeclaration>(record: T, changes: DeclarationChanges): T {
  const next = { ...record };
  for (const field of DECLARATION_EDITABLE_FIELDS) {
    const value = changes[field];
    if (value !== undefined) Object.assign(next, { [field]: value });
  }
  return next;
}

// A placeholder link: the mutation is checked against the protocol before its real link is made.
const UNCHECKED_LINK = { n: 1, prev: AUDIT_GENESIS, hash: AUDIT_GENESIS };

/**
 * Edits a declaration's plate, car pool or remarks (备注). Writes, in ONE transaction,
 * the record with the new values (optimistic: HQ merges field by field and may keep
 * another desk's value), a `declaration.update` naming only the changed fields and the
 * record's version they were made on, and its audit link. Nothing changed → nothing written.
 */
export async function editDeclaration(
  db: DeskDb,
  input: { recordId: string; values: EditableValues; officerId: string },
  now: Date = new Date(),
): Promise<Result<{ mutationId: string | null }>> {
  const deskTime = now.toISOString();
  try {
    return await db.transaction('rw', [db.declarations, db.rejections, db.outbox, db.audit], async () => {
      const record = await db.declarations.get(input.recordId);
      if (record === undefined) return fail('not_found', '本机没有该申报 / No such declaration on this desk');
      const refusals = await db.rejections.where('recordId').equals(record.id).toArray();
      if (refusals.some(refusesRecord)) {
        return fail('validation', 'HQ 已拒收该申报，不能修改 / HQ refused this declaration: it cannot be edited');
      }
      const changes = changedFields(record, input.values);
      if (Object.keys(changes).length === 0) return ok({ mutationId: null });
      const mutation: UnlinkedMutation = {
        id: crypto.randomUUID(),
        type: 'declaration.update',
        deskTime,
        portId: record.portId,
        recordId: record.id,
        baseVersion: record.version,
        changes,
      };
      const checked = mutationSchema.safeParse({ ...mutation, audit: UNCHECKED_LINK });
      if (!checked.success) {
        const issue = checked.error.issues[0];
        return fail('validation', `修改无效 / Invalid edit: ${issue?.message ?? ''}`, issue?.path.join('.'));
      }
      await db.declarations.put(withChanges(record, changes));
      const previous = previousValues(record, changes);
      await appendToOutbox(db, [{ mutation, recordId: record.id, officerId: input.officerId, previous }], deskTime);
      return ok({ mutationId: mutation.id });
    });
  } catch (error) {
    return fail('internal', `保存失败 / Could not save: ${String(error)}`);
  }
}
