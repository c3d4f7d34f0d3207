import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { demoTwoStepEntry } from '../../../shared/index';
import { saveTwoStepChange, twoStepChange } from '../twostep/save-two-step';
import * as demo from '../testing/demo-data';
import { DESK_DB_V1_STORES, DeskDb, deskDbName, META } from './desk-db';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** The v2 schema exactly as it shipped on 2026-11-22 (on top of v1). */
const SHIPPED_V2 = {
  declarations: 'id, [tradeDate+declaredAt], [residentId+tradeDate], certificateNo, flaggedOn',
  outbox: '++seq, &id, recordId, type',
  conflicts: 'id, status, recordId',
  audit: 'n, &mutationId',
};

describe('upgrade v2 → v3 (two-step tables)', () => {
  it('keeps every v2 record, the outbox, the chain and the cursor, and adds the two-step tables', async () => {
    const name = deskDbName('DONGXING', `t${crypto.randomUUID().slice(0, 8)}`);
    names.push(name);
    const v2 = new Dexie(name);
    v2.version(1).stores(DESK_DB_V1_STORES);
    v2.version(2).stores(SHIPPED_V2);
    await v2.open();
    const r = demo.resident(3);
    const declaration = { ...demo.draft(r, 1_000), status: 'declared', hqExemptFen: null, hqTaxableFen: null, hqReceivedAt: null, flags: [], version: 1, edits: {} };
    await v2.table('residents').put(r);
    await v2.table('declarations').put(declaration);
    const mutationId = crypto.randomUUID();
    const audit = { n: 1, prev: '0'.repeat(64), hash: 'a'.repeat(64) };
    await v2.table('outbox').add({ id: mutationId, type: 'declaration.create', recordId: declaration.id, mutation: { id: mutationId, type: 'declaration.create', deskTime: new Date().toISOString(), record: demo.draft(r, 1_000), audit }, createdAt: new Date().toISOString() });
    await v2.table('audit').add({ n: 1, mutationId, type: 'declaration.create', recordId: declaration.id, officerId: demo.officer.id, deskTime: new Date().toISOString(), prev: audit.prev, hash: audit.hash });
    await v2.table('conflicts').put({ id: crypto.randomUUID(), status: 'open', recordId: declaration.id });
    await v2.table('meta').put({ key: META.pullCursor, value: 77 });
    v2.close();

    const db = new DeskDb(name);
    await db.open();
    expect(db.verno).toBe(5); // the current version: v3, then v4 and v5 on top
    expect(await db.declarations.get(declaration.id)).toEqual(declaration);
    expect(await db.residents.get(r.id)).toEqual(r);
    expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([mutationId]);
    expect(await db.audit.count()).toBe(1);
    expect(await db.conflicts.where('status').equals('open').count()).toBe(1);
    expect((await db.meta.get(META.pullCursor))?.value).toBe(77);
    expect(await db.twoStepEntries.count()).toBe(0);
    expect(await db.twoStepPolicies.count()).toBe(0);

    // The new tables work at once, and a two-step change continues the chain.
    const now = new Date();
    const entry = demoTwoStepEntry({ id: crypto.randomUUID(), officerId: demo.officer.id, deviceId: 'desk-test-0001', createdAt: now.toISOString() });
    const saved = await saveTwoStepChange(db, twoStepChange({ type: 'two_step.create' as const, record: entry }, now), { officerId: demo.officer.id, deviceId: 'desk-test-0001' });
    expect(saved.ok).toBe(true);
    expect(await db.twoStepEntries.where('state.status').equals('draft').count()).toBe(1);
    expect((await db.audit.orderBy('n').last())?.n).toBe(2);
    db.close();
  });
});
