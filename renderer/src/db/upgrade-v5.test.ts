import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import * as demo from '../testing/demo-data';
import { DESK_DB_V1_STORES, DeskDb, deskDbName, META } from './desk-db';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** v2, v3 and v4 exactly as they shipped on 2026-11-22. */
const SHIPPED = [
  {
    declarations: 'id, [tradeDate+declaredAt], [residentId+tradeDate], certificateNo, flaggedOn',
    outbox: '++seq, &id, recordId, type',
    conflicts: 'id, status, recordId',
    audit: 'n, &mutationId',
  },
  { twoStepEntries: 'id, state.status, consignee.creditCode', twoStepPolicies: 'id, version' },
  {
    sites: 'id',
    consignments: 'id, [siteId+category], arrivedAt',
    inspectionOrders: 'id, consignmentId',
    inspections: 'id, orderId, consignmentId',
    attachments: 'sha256, state',
  },
] as const;

describe('upgrade v4 → v5 (issue 4: declaration and resident indexes, groups, processing)', () => {
  it('keeps every v4 record, the outbox, the chain and the cursor; the new indexes find the old rows', async () => {
    const name = deskDbName('DONGXING', `v${crypto.randomUUID().slice(0, 8)}`);
    names.push(name);
    const v4 = new Dexie(name);
    v4.version(1).stores(DESK_DB_V1_STORES);
    for (const [index, stores] of SHIPPED.entries()) v4.version(index + 2).stores(stores);
    await v4.open();
    const r = demo.resident(7);
    const declared = { ...demo.draft(r, 1_000), status: 'declared', hqExemptFen: null, hqTaxableFen: null, hqReceivedAt: null, flags: [], version: 1, edits: {} };
    const released = { ...demo.draft(r, 2_000), status: 'released', hqExemptFen: 2_000, hqTaxableFen: 0, hqReceivedAt: null, flags: [], version: 2, edits: {} };
    await v4.table('residents').put(r);
    await v4.table('declarations').bulkPut([declared, released]);
    const mutationId = crypto.randomUUID();
    await v4.table('outbox').add({ id: mutationId, type: 'declaration.create', recordId: declared.id, mutation: { id: mutationId }, createdAt: new Date().toISOString() });
    await v4.table('audit').add({ n: 1, mutationId, type: 'declaration.create', recordId: declared.id, officerId: demo.officer.id, deskTime: new Date().toISOString(), prev: '0'.repeat(64), hash: 'a'.repeat(64) });
    await v4.table('sites').put({ id: 's1' });
    await v4.table('meta').put({ key: META.pullCursor, value: 123 });
    v4.close();

    const db = new DeskDb(name);
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.declarations.get(declared.id)).toEqual(declared);
    expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([mutationId]);
    expect(await db.audit.count()).toBe(1);
    expect(await db.sites.count()).toBe(1);
    expect((await db.meta.get(META.pullCursor))?.value).toBe(123);
    // The v5 indexes cover rows written before the upgrade.
    expect((await db.declarations.where('status').equals('released').toArray()).map((d) => d.id)).toEqual([released.id]);
    expect((await db.residents.where('name').equals(r.name).first())?.id).toBe(r.id);
    expect((await db.residents.where('idNumber').equals(r.idNumber).first())?.id).toBe(r.id);
    const tables = [db.gatePolicies, db.groups, db.groupDeclarations, db.firms, db.processingPolicies, db.processingSales, db.centralDeclarations, db.directTransports];
    expect(await Promise.all(tables.map((t) => t.count()))).toEqual(tables.map(() => 0));
    db.close();
  });
});
