import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DeskDb, openDeskDb } from '../db/desk-db';
import * as demo from '../testing/demo-data';
import { findResident, referenceInForce, todaysRows, usedTodayFen } from './desk-queries';
import { saveDeclaration } from './save-declaration';

let db: DeskDb;
const alice = demo.resident(1);

beforeEach(async () => {
  db = openDeskDb(demo.PORT, `q${crypto.randomUUID().slice(0, 8)}`);
  await db.residents.bulkPut([alice, demo.resident(2)]);
});

afterEach(async () => {
  await db.delete();
});

describe('desk queries', () => {
  it('finds a resident by certificate number, whatever the case typed', async () => {
    expect((await findResident(db, ' dx000001 '))?.id).toBe(alice.id);
    expect(await findResident(db, 'DX999999')).toBeNull();
  });

  it("adds up the resident's duty-free use today, HQ's figure first, rejected ones not at all", async () => {
    const a = demo.draft(alice, 300_000);
    const b = demo.draft(alice, 200_000);
    const c = demo.draft(alice, 100_000);
    for (const d of [a, b, c]) await saveDeclaration(db, d);
    await db.declarations.update(b.id, { hqExemptFen: 50_000 });
    await db.rejections.put({ mutationId: 'm', recordId: c.id, code: 'validation', message: 'no', field: null, at: '' });
    expect(await usedTodayFen(db, alice.id, a.tradeDate)).toBe(350_000);
    expect(await usedTodayFen(db, alice.id, '2000-01-01')).toBe(0);
  });

  it('lists today newest first with pending, synced, flagged and rejected states', async () => {
    const times = ['2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z', '2026-01-01T03:00:00.000Z', '2026-01-01T04:00:00.000Z'];
    const drafts = times.map((declaredAt) => demo.draft(alice, 1_000, { declaredAt, tradeDate: '2026-01-01' }));
    for (const d of drafts) await saveDeclaration(db, d);
    const [d0, d1, d2] = drafts;
    if (d0 === undefined || d1 === undefined || d2 === undefined) throw new Error('drafts');
    await db.outbox.where('recordId').anyOf([d0.id, d1.id, d2.id]).delete();
    await db.declarations.update(d1.id, { flags: [{ code: 'quota_exceeded_elsewhere', message: 'x', messageEn: 'x', at: '' }] });
    await db.rejections.put({ mutationId: 'm', recordId: d2.id, code: 'validation', message: 'bad', field: null, at: '' });
    const rows = await todaysRows(db, '2026-01-01');
    expect(rows.map((r) => r.state)).toEqual(['pending', 'rejected', 'flagged', 'synced']);
    expect(rows[1]?.rejection?.message).toBe('bad');
  });

  it('picks the goods list and policy in force on the day', async () => {
    await db.goodsLists.bulkPut([demo.goodsList, { ...demo.goodsList, id: crypto.randomUUID(), version: 2, effectiveFrom: '2027-01-01' }]);
    await db.policies.put(demo.policy);
    expect((await referenceInForce(db, demo.PORT, '2026-06-01')).goodsList?.version).toBe(1);
    expect((await referenceInForce(db, demo.PORT, '2027-06-01')).goodsList?.version).toBe(2);
    expect((await referenceInForce(db, 'PINGXIANG', '2027-06-01')).policy).toBeNull();
  });
});
