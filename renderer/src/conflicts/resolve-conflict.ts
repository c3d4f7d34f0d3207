import { fail, type Officer, ok, type Result } from '../../../shared/index';
import { appendToOutbox, type UnlinkedMutation } from '../db/audit-chain';
import type { DeskDb } from '../db/desk-db';

export type ConflictChoice = 'winner' | 'loser';

/** Only a supervisor settles a conflict (HQ refuses anyone else; the desk does not offer it). */
export function canResolveConflicts(officer: Pick<Officer, 'role'> | null): boolean {
  return officer?.role === 'supervisor';
}

/**
 * A supervisor keeps one side of a conflict. In ONE transaction: a `conflict.resolve`
 * mutation and its audit link go to the outbox, and the conflict is marked `resolving`
 * until the pull brings it back resolved (or HQ refuses, and it opens again).
 */
export async function resolveConflict(
  db: DeskDb,
  input: { conflictId: string; choice: ConflictChoice; officer: Officer },
  now: Date = new Date(),
): Promise<Result<{ mutationId: string }>> {
  if (!canResolveConflicts(input.officer)) {
    return fail('forbidden', '只有主管可以处理冲突 / Only a supervisor resolves conflicts');
  }
  const deskTime = now.toISOString();
  try {
    return await db.transaction('rw', [db.conflicts, db.outbox, db.audit], async () => {
      const conflict = await db.conflicts.get(input.conflictId);
      if (conflict === undefined) return fail('not_found', '本机没有该冲突 / No such conflict on this desk');
      if (conflict.status !== 'open') return fail('conflict', '该冲突已在处理 / This conflict is already being resolved');
      const mutation: UnlinkedMutation = {
        id: crypto.randomUUID(),
        type: 'conflict.resolve',
        deskTime,
        portId: conflict.portId,
        conflictId: conflict.id,
        choice: input.choice,
      };
      await db.conflicts.update(conflict.id, { status: 'resolving' });
      await appendToOutbox(db, [{ mutation, recordId: conflict.recordId, officerId: input.officer.id }], deskTime);
      return ok({ mutationId: mutation.id });
    });
  } catch (error) {
    return fail('internal', `保存失败 / Could not save: ${String(error)}`);
  }
}
