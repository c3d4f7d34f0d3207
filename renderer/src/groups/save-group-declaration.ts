import {
  type DeclarationDraft,
  fail,
  type GroupDeclarationRecord,
  groupDeclarationRecordSchema,
  ok,
  type Result,
} from '../../../shared/index';
import { appendToOutbox } from '../db/audit-chain';
import type { DeskDb } from '../db/desk-db';
import { declarationWrites } from '../declarations/save-declaration';

/**
 * Saves a group declaration in ONE Dexie transaction: the group declaration record, one
 * ordinary declaration per member with a share (and the remainder's), and their outbox
 * entries, each a link of the audit chain — `declaration.create` for every member, as
 * save-declaration.ts makes it (declarationWrites), after `group_declaration.create`. After a crash all of it
 * exists or none does. Every draft must carry this group declaration's id.
 */
export async function saveGroupDeclaration(
  db: DeskDb,
  record: GroupDeclarationRecord,
  drafts: readonly DeclarationDraft[],
  now: Date = new Date(),
): Promise<Result<{ mutationIds: string[] }>> {
  const parsedRecord = groupDeclarationRecordSchema.safeParse(record);
  if (!parsedRecord.success) {
    const issue = parsedRecord.error.issues[0];
    return fail('validation', `互助组申报不完整 / Group declaration incomplete: ${issue?.message ?? ''}`, issue?.path.join('.') ?? '');
  }
  if (drafts.length === 0) return fail('validation', '没有可保存的成员申报 / No member declaration to save', 'lines');
  const stray = drafts.findIndex((draft) => draft.groupDeclarationId !== record.id);
  if (stray >= 0) {
    return fail('validation', '成员申报不属于本互助组申报 / A member declaration belongs to another group declaration', `${stray}.groupDeclarationId`);
  }
  const deskTime = now.toISOString();
  const writes = declarationWrites(drafts, deskTime);
  if (!writes.ok) return writes;
  const { records, changes } = writes.data;
  // The group declaration goes first: HQ checks each member's share against it, so the
  // members must never reach HQ in an earlier push (the outbox is sent in pushes of at
  // most MAX_PUSH_MUTATIONS) than the group declaration they name.
  changes.unshift({
    mutation: { id: crypto.randomUUID(), type: 'group_declaration.create', deskTime, record: parsedRecord.data },
    recordId: record.id,
    officerId: record.officerId,
  });
  try {
    await db.transaction('rw', [db.groupDeclarations, db.declarations, db.outbox, db.audit], async () => {
      await db.groupDeclarations.add(parsedRecord.data);
      await db.declarations.bulkAdd(records);
      await appendToOutbox(db, changes, deskTime);
    });
  } catch (error) {
    return fail('internal', `保存失败 / Could not save: ${String(error)}`);
  }
  return ok({ mutationIds: changes.map((c) => c.mutation.id) });
}
