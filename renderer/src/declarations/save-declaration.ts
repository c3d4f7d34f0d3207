import { type DeclarationDraft, declarationDraftSchema, fail, type Mutation, ok, type Result } from '../../../shared/index';
import type { DeskDb, DeskDeclaration } from '../db/desk-db';

/**
 * Saves a prepared declaration and its outbox entry in ONE transaction: after a crash
 * either both exist or neither does, so nothing saved can miss the trip to HQ.
 */
export async function saveDeclaration(
  db: DeskDb,
  draft: DeclarationDraft,
  now: Date = new Date(),
): Promise<Result<{ mutationId: string }>> {
  const parsed = declarationDraftSchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('validation', `申报数据不完整 / Declaration incomplete: ${issue?.message ?? ''}`, issue?.path.join('.'));
  }
  const record: DeskDeclaration = {
    ...parsed.data,
    status: 'declared',
    hqExemptFen: null,
    hqTaxableFen: null,
    hqReceivedAt: null,
    flags: [],
  };
  const mutation: Mutation = {
    id: crypto.randomUUID(),
    type: 'declaration.create',
    deskTime: now.toISOString(),
    record: parsed.data,
  };
  try {
    await db.transaction('rw', db.declarations, db.outbox, async () => {
      await db.declarations.add(record);
      await db.outbox.add({ id: mutation.id, recordId: record.id, mutation, createdAt: mutation.deskTime });
    });
  } catch (error) {
    return fail('internal', `保存失败 / Could not save: ${String(error)}`);
  }
  return ok({ mutationId: mutation.id });
}
