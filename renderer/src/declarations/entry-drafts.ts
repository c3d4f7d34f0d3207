import { z } from 'zod';
import { isoDateTimeSchema } from '../../../shared/index';
import type { DeskDb } from '../db/desk-db';

/**
 * Drafts (草稿) of the entry form, kept on this desk only and never sent: a declaration's
 * life starts as a draft, and only "declare" (Ctrl+Enter: prepareDeclaration, then the
 * declaration.create) makes it a record. A draft is what the officer typed, as typed,
 * so a half-finished declaration survives a reload, a crash or the next resident in the
 * queue. Kept in the `meta` table under `entryDraft:<id>` (Dexie v5 has no drafts table;
 * drafts are few), each read back through its schema.
 */
const PREFIX = 'entryDraft:';

const typed = (max: number) => z.string().max(max);
export const entryDraftSchema = z.object({
  id: z.uuid(),
  savedAt: isoDateTimeSchema,
  certificateNo: typed(32),
  residentName: typed(64),
  lines: z.array(z.object({ hsCode: typed(10), quantity: typed(20), unitPrice: typed(20) })).max(50),
  vehiclePlate: typed(16),
  carPool: z.boolean(),
  remarks: typed(200),
});
export type EntryDraft = z.infer<typeof entryDraftSchema>;

/** Whether the form holds anything worth keeping. */
export function hasContent(draft: Pick<EntryDraft, 'certificateNo' | 'lines' | 'vehiclePlate' | 'remarks'>): boolean {
  return (
    draft.certificateNo.trim() !== '' ||
    draft.vehiclePlate.trim() !== '' ||
    draft.remarks.trim() !== '' ||
    draft.lines.some((l) => l.hsCode.trim() !== '' || l.quantity.trim() !== '' || l.unitPrice.trim() !== '')
  );
}

export async function keepEntryDraft(db: DeskDb, draft: EntryDraft): Promise<void> {
  const checked = entryDraftSchema.parse(draft);
  await db.meta.put({ key: `${PREFIX}${checked.id}`, value: JSON.stringify(checked) });
}

/** This desk's drafts, newest first; a row that no longer reads as a draft is left out. */
export async function listEntryDrafts(db: DeskDb): Promise<EntryDraft[]> {
  const rows = await db.meta.where('key').startsWith(PREFIX).toArray();
  const drafts: EntryDraft[] = [];
  for (const row of rows) {
    if (typeof row.value !== 'string') continue;
    try {
      const parsed = entryDraftSchema.safeParse(JSON.parse(row.value));
      if (parsed.success) drafts.push(parsed.data);
    } catch {
      // Not JSON: not a draft this desk wrote.
    }
  }
  return drafts.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
}

export async function removeEntryDraft(db: DeskDb, id: string): Promise<void> {
  await db.meta.delete(`${PREFIX}${id}`);
}
