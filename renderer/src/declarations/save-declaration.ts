import { type DeclarationDraft, declarationDraftSchema, fail, type Mutation, ok, type Result } from '../../../shared/index';
import type { DeskDb, DeskDeclaration, OutboxEntry } from '../db/desk-db';

/**
 * Saves a prepared declaration and its outbox entry in ONE transaction: after a crash
 * either both exist or neither does, so nothing saved can miss the trip to HQ.
 */
export async function saveDeclaration(
  db: DeskDb,
  draft: DeclarationDraft,
  now: Date = new Date(),
): Promise<Result<{ mutationId: string }>> {
  const saved = await saveDeclarations(db, [draft], now);
  if (!saved.ok) return saved;
  const [mutationId] = saved.data.mutationIds;
  return mutationId === undefined ? fail('internal', 'no mutation id') : ok({ mutationId });
}

/**
 * Several declarations and their outbox entries in ONE transaction (imports, benchmarks).
 * All or nothing: one invalid draft refuses the whole batch before anything is written.
 */
export async function saveDeclarations(
  db: DeskDb,
  drafts: readonly DeclarationDraft[],
  now: Date = new Date(),
): Promise<Result<{ mutationIds: string[] }>> {
  const records: DeskDeclaration[] = [];
  const entries: OutboxEntry[] = [];
  const deskTime = now.toISOString();
  for (const [index, draft] of drafts.entries()) {
    const parsed = declarationDraftSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = drafts.length > 1 ? `${index}.` : '';
      return fail('validation', `申报数据不完整 / Declaration incomplete: ${issue?.message ?? ''}`, `${where}${issue?.path.join('.') ?? ''}`);
    }
    records.push({ ...parsed.data, status: 'declared', hqExemptFen: null, hqTaxableFen: null, hqReceivedAt: null, flags: [] });
    const mutation: Mutation = { id: crypto.randomUUID(), type: 'declaration.create', deskTime, record: parsed.data };
    entries.push({ id: mutation.id, recordId: parsed.data.id, mutation, createdAt: deskTime });
  }
  try {
    await db.transaction('rw', db.declarations, db.outbox, async () => {
      await db.declarations.bulkAdd(records);
      await db.outbox.bulkAdd(entries);
    });
  } catch (error) {
    return fail('internal', `保存失败 / Could not save: ${String(error)}`);
  }
  return ok({ mutationIds: entries.map((e) => e.id) });
}
