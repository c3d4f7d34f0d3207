import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DeskDb, openDeskDb } from '../db/desk-db';
import { type EntryDraft, hasContent, keepEntryDraft, listEntryDrafts, removeEntryDraft } from './entry-drafts';

let db: DeskDb;
beforeEach(async () => {
  db = openDeskDb('DONGXING', `drafts.${crypto.randomUUID().slice(0, 8)}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const draft = (overrides: Partial<EntryDraft> = {}): EntryDraft => ({
  id: crypto.randomUUID(),
  savedAt: '2026-12-07T08:00:00.000Z',
  certificateNo: 'DX000061',
  residentName: '黄氏兰',
  lines: [{ hsCode: '0803', quantity: '50', unitPrice: '' }],
  vehiclePlate: '',
  carPool: false,
  remarks: '',
  ...overrides,
});

describe('entry drafts', () => {
  it('keeps drafts on the desk, lists them newest first, replaces one kept again, and removes them — never in the outbox', async () => {
    const older = draft();
    const newer = draft({ savedAt: '2026-12-07T09:00:00.000Z', certificateNo: 'DX000062' });
    await keepEntryDraft(db, older);
    await keepEntryDraft(db, newer);
    expect((await listEntryDrafts(db)).map((d) => d.certificateNo)).toEqual(['DX000062', 'DX000061']);
    await keepEntryDraft(db, { ...older, savedAt: '2026-12-07T10:00:00.000Z', remarks: '待补单价' });
    const listed = await listEntryDrafts(db);
    expect(listed.map((d) => [d.certificateNo, d.remarks])).toEqual([['DX000061', '待补单价'], ['DX000062', '']]);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.declarations.count()).toBe(0);
    await removeEntryDraft(db, older.id);
    expect((await listEntryDrafts(db)).map((d) => d.id)).toEqual([newer.id]);
  });

  it('refuses to keep what is not a draft, and skips a stored row that does not read as one', async () => {
    await expect(keepEntryDraft(db, draft({ certificateNo: 'X'.repeat(40) }))).rejects.toThrow();
    await db.meta.put({ key: 'entryDraft:broken', value: '{not json' });
    await db.meta.put({ key: 'entryDraft:other', value: JSON.stringify({ id: 'x' }) });
    expect(await listEntryDrafts(db)).toEqual([]);
  });

  it('has content once anything is typed', () => {
    const empty = { certificateNo: ' ', vehiclePlate: '', remarks: '', lines: [{ hsCode: '', quantity: '', unitPrice: '' }] };
    expect(hasContent(empty)).toBe(false);
    expect(hasContent({ ...empty, lines: [{ hsCode: '', quantity: '3', unitPrice: '' }] })).toBe(true);
    expect(hasContent({ ...empty, remarks: '复查' })).toBe(true);
  });
});
