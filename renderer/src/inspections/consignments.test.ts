import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConsignmentDraft, DEMO_SITES, demoAcceptanceEvent, recordSiteEvent, type Site } from '../../../shared/index';
import { DESK_DB_V1_STORES, DeskDb, deskDbName, META } from '../db/desk-db';
import * as demo from '../testing/demo-data';
import { saveConsignment } from './save-consignment';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** v2 and v3 exactly as they shipped on 2026-11-22 (on top of v1). */
const SHIPPED_V2 = {
  declarations: 'id, [tradeDate+declaredAt], [residentId+tradeDate], certificateNo, flaggedOn',
  outbox: '++seq, &id, recordId, type',
  conflicts: 'id, status, recordId',
  audit: 'n, &mutationId',
};
const SHIPPED_V3 = { twoStepEntries: 'id, state.status, consignee.creditCode', twoStepPolicies: 'id, version' };

const fruitSite = (): Site => {
  const site = DEMO_SITES.find((s) => s.id === 'DX2B-FRUIT');
  if (site === undefined) throw new Error('no demo fruit site');
  return site;
};

function draft(siteId: string, category: ConsignmentDraft['category'], arrivedAt: string): ConsignmentDraft {
  return {
    id: crypto.randomUUID(),
    portId: 'DONGXING',
    siteId,
    category,
    arrivedAt,
    goodsName: '火龙果',
    hsCode: '0810',
    originCountry: 'VN',
    quantity: 1200,
    unit: '箱',
    grossKg: 14_000,
    vehiclePlate: '29C12345',
    officerId: demo.officer.id,
    deviceId: 'desk-test-0001',
    recordedAt: arrivedAt,
  };
}

async function openV4(): Promise<DeskDb> {
  const name = deskDbName('DONGXING', `c${crypto.randomUUID().slice(0, 8)}`);
  names.push(name);
  const db = new DeskDb(name);
  await db.open();
  return db;
}

describe('upgrade v3 → v4 (sites, consignments, inspections, attachments)', () => {
  it('keeps every v3 record, the outbox, the chain and the cursor, and adds the new tables', async () => {
    const name = deskDbName('DONGXING', `u${crypto.randomUUID().slice(0, 8)}`);
    names.push(name);
    const v3 = new Dexie(name);
    v3.version(1).stores(DESK_DB_V1_STORES);
    v3.version(2).stores(SHIPPED_V2);
    v3.version(3).stores(SHIPPED_V3);
    await v3.open();
    const r = demo.resident(2);
    const declaration = { ...demo.draft(r, 1_000), status: 'declared', hqExemptFen: null, hqTaxableFen: null, hqReceivedAt: null, flags: [], version: 1, edits: {} };
    await v3.table('declarations').put(declaration);
    const mutationId = crypto.randomUUID();
    await v3.table('outbox').add({ id: mutationId, type: 'declaration.create', recordId: declaration.id, mutation: { id: mutationId }, createdAt: new Date().toISOString() });
    await v3.table('audit').add({ n: 1, mutationId, type: 'declaration.create', recordId: declaration.id, officerId: demo.officer.id, deskTime: new Date().toISOString(), prev: '0'.repeat(64), hash: 'a'.repeat(64) });
    await v3.table('twoStepPolicies').put({ id: 'p1', version: 1 });
    await v3.table('meta').put({ key: META.pullCursor, value: 91 });
    v3.close();

    const db = new DeskDb(name);
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.declarations.get(declaration.id)).toEqual(declaration);
    expect((await db.outbox.toArray()).map((e) => e.id)).toEqual([mutationId]);
    expect(await db.audit.count()).toBe(1);
    expect(await db.twoStepPolicies.count()).toBe(1);
    expect((await db.meta.get(META.pullCursor))?.value).toBe(91);
    expect([await db.sites.count(), await db.consignments.count(), await db.inspections.count(), await db.attachments.count()]).toEqual([0, 0, 0, 0]);
    db.close();
  });
});

describe('a consignment at the yard', () => {
  const arrivedAt = '2026-11-21T09:30:00+08:00';

  it('is refused, with the reason, for a site not in use for its category; nothing is written', async () => {
    const db = await openV4();
    await db.sites.put(fruitSite());
    const awaiting = await saveConsignment(db, draft('DX2B-FRUIT', 'fruit', arrivedAt));
    expect(awaiting).toMatchObject({ ok: false, error: { code: 'validation', field: 'siteId' } });
    if (!awaiting.ok) expect(awaiting.error.message).toContain('尚未启用');
    const accepted = recordSiteEvent(fruitSite(), 'fruit', demoAcceptanceEvent('2026-11-01', '2026-11-01T10:00:00+08:00'), '2026-11-01T10:00:00+08:00');
    if (!accepted.ok) throw new Error(accepted.error.message);
    await db.sites.put(accepted.data);
    const grain = await saveConsignment(db, draft('DX2B-FRUIT', 'grain', arrivedAt));
    expect(grain).toMatchObject({ ok: false, error: { field: 'siteId' } });
    if (!grain.ok) expect(grain.error.message).toContain('未获批');
    const unknown = await saveConsignment(db, draft('DX2B-NOPE', 'fruit', arrivedAt));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect([await db.consignments.count(), await db.outbox.count(), await db.audit.count()]).toEqual([0, 0, 0]);
    db.close();
  });

  it('is saved with its outbox entry and audit link for a site in use, with capacity warnings only', async () => {
    const db = await openV4();
    const accepted = recordSiteEvent(fruitSite(), 'fruit', demoAcceptanceEvent('2026-11-01', '2026-11-01T10:00:00+08:00'), '2026-11-01T10:00:00+08:00');
    if (!accepted.ok) throw new Error(accepted.error.message);
    const tiny: Site = { ...accepted.data, capacities: [{ category: 'fruit', effectiveFrom: '2020-11-25', consignmentsPerDay: 1, kgPerDay: null }] };
    await db.sites.put(tiny);
    const first = await saveConsignment(db, draft('DX2B-FRUIT', 'fruit', arrivedAt));
    expect(first).toMatchObject({ ok: true, data: { warnings: [] } });
    const second = await saveConsignment(db, draft('DX2B-FRUIT', 'fruit', arrivedAt));
    expect(second.ok && second.data.warnings.map((w) => w.limit)).toEqual(['consignments']);
    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => e.type)).toEqual(['consignment.create', 'consignment.create']);
    expect((await db.audit.orderBy('n').toArray()).map((a) => a.n)).toEqual([1, 2]);
    db.close();
  });
});
