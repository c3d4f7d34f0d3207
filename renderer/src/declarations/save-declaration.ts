import { type DeclarationDraft, declarationDraftSchema, fail, ok, type Result } from '../../../shared/index';
import { appendToOutbox, type ChangeToLink } from '../db/audit-chain';
import type { DeskDb, DeskDeclaration } from '../db/desk-db';

/**
 * Saves a prepared declaration, its outbox entry and its audit link in ONE transaction:
 * after a crash all three exist or none does, so nothing saved can miss the trip to HQ
 * and the chain never skips a change.
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
 * Several declarations and their outbox entries in ONE transaction (imports, benchmarks),
 * chained in the order given. All or nothing: one invalid draft refuses the whole batch
 * before anything is written.
 */
export async function saveDeclarations(
  db: DeskDb,
  drafts: readonly DeclarationDraft[],
  now: Date = new Date(),
): Promise<Result<{ mutationIds: string[] }>> {
  const deskTime = now.toISOString();
  const writes = declarationWrites(drafts, deskTime);
  if (!writes.ok) return writes;
  const { records, changes } = writes.data;
  try {
    await db.transaction('rw', db.declarations, db.outbox, db.audit, async () => {
      await db.declarations.bulkAdd(records);
      await appendToOutbox(db, changes, deskTime);
    });
  } catch (error) {
    return fail('internal', `保存失败 / Could not save: ${String(error)}`);
  }
  return ok({ mutationIds: changes.map((c) => c.mutation.id) });
}

/**
 * The desk's records and `declaration.create` changes of checked drafts, for a caller's
 * own transaction (saveDeclarations; a group declaration's members). Nothing is written.
 */
export function declarationWrites(
  drafts: readonly DeclarationDraft[],
  deskTime: string,
): Result<{ records: DeskDeclaration[]; changes: ChangeToLink[] }> {
  const records: DeskDeclaration[] = [];
  const changes: ChangeToLink[] = [];
  for (const [index, draft] of drafts.entries()) {
    const parsed = declarationDraftSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = drafts.length > 1 ? `${index}.` : '';
      return fail('validation', `申报数据不完整 / Declaration incomplete: ${issue?.message ?? ''}`, `${where}${issue?.path.join('.') ?? ''}`);
    }
    const record = parsed.data;
    records.push({ ...record, status: 'declared', hqExemptFen: null, hqTaxableFen: null, hqReceivedAt: null, flags: [], version: 1, edits: {} });
    changes.push({
      mutation: { id: crypto.randomUUID(), type: 'declaration.create', deskTime, record },
      recordId: record.id,
      officerId: record.officerId,
    });
  }
  return ok({ records, changes });
}
