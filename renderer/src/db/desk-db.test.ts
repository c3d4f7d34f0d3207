import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { auditBody, type DeclarationDraft, verifyAuditChain } from '../../../shared/index';
import { saveDeclaration } from '../declarations/save-declaration';
import { createHqClient } from '../sync/hq-client';
import { pushOutbox } from '../sync/push-outbox';
import * as demo from '../testing/demo-data';
import { FakeHq } from '../testing/fake-hq';
import { DESK_DB_V1_STORES, DeskDb, deskDbName, META } from './desk-db';

const names: string[] = [];

function freshName(): string {
  const name = deskDbName('DONGXING', `t${crypto.randomUUID().slice(0, 8)}`);
  names.push(name);
  return name;
}

afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** The v1 schema exactly as it shipped on 2026-11-21. */
const SHIPPED_V1 = {
  declarations: 'id, [tradeDate+declaredAt], [residentId+tradeDate], certificateNo',
  residents: 'id, certificateNo',
  marketPoints: 'id',
  goodsLists: 'id, version',
  policies: 'id, version',
  officers: 'id, username',
  outbox: '++seq, &id, recordId',
  rejections: 'mutationId, recordId',
  meta: 'key',
};

describe('desk database', () => {
  it('is named per port and officer', () => {
    expect(deskDbName('DONGXING', 'dx.officer1')).toBe('borderdesk-DONGXING-dx.officer1');
  });

  it('still declares version 1 exactly as shipped', () => {
    expect(DESK_DB_V1_STORES).toEqual(SHIPPED_V1);
  });

  it('keeps records, outbox order, the audit chain and the cursor across a close and reopen', async () => {
    const name = freshName();
    const first = new DeskDb(name);
    const r = demo.resident(1);
    await first.residents.put(r);
    const drafts = [demo.draft(r, 100), demo.draft(r, 200), demo.draft(r, 300)];
    for (const d of drafts) await saveDeclaration(first, d);
    await first.meta.put({ key: META.pullCursor, value: 42 });
    first.close();

    const again = new DeskDb(name);
    await again.open();
    expect(again.verno).toBe(5);
    expect((await again.residents.where('certificateNo').equals('DX000001').first())?.id).toBe(r.id);
    expect((await again.outbox.orderBy('seq').toArray()).map((e) => e.recordId)).toEqual(drafts.map((d) => d.id));
    expect((await again.audit.orderBy('n').toArray()).map((a) => a.recordId)).toEqual(drafts.map((d) => d.id));
    expect(await again.declarations.where('[residentId+tradeDate]').equals([r.id, drafts[0]?.tradeDate ?? '']).count()).toBe(3);
    expect((await again.meta.get(META.pullCursor))?.value).toBe(42);
    again.close();
  });
});

describe('upgrade v1 → v2', () => {
  /** A desk as v1 left it: records saved and pulled, three v1 mutations waiting, a refusal, a cursor. */
  async function seedV1(name: string) {
    const v1 = new Dexie(name);
    v1.version(1).stores(SHIPPED_V1);
    await v1.open();
    const r = demo.resident(7);
    const drafts: DeclarationDraft[] = [demo.draft(r, 1_000), demo.draft(r, 2_000), demo.draft(r, 3_000)];
    const pulled = {
      ...demo.draft(r, 9_000, { deviceId: 'desk-other-0001' }),
      status: 'declared',
      hqExemptFen: 9_000,
      hqTaxableFen: 0,
      hqReceivedAt: new Date().toISOString(),
      flags: [{ code: 'quota_exceeded_elsewhere', message: '额度', messageEn: 'quota', at: new Date().toISOString() }],
    };
    await v1.table('residents').put(r);
    await v1.table('officers').put(demo.officer);
    await v1.table('declarations').bulkPut([
      ...drafts.map((d) => ({ ...d, status: 'declared', hqExemptFen: null, hqTaxableFen: null, hqReceivedAt: null, flags: [] })),
      pulled,
    ]);
    const deskTime = new Date().toISOString();
    await v1.table('outbox').bulkAdd(
      drafts.map((record) => {
        const id = crypto.randomUUID();
        return { id, recordId: record.id, mutation: { id, type: 'declaration.create', deskTime, record }, createdAt: deskTime };
      }),
    );
    await v1.table('rejections').put({ mutationId: crypto.randomUUID(), recordId: crypto.randomUUID(), code: 'validation', message: 'x', field: null, at: deskTime });
    await v1.table('meta').bulkPut([
      { key: META.pullCursor, value: 1234 },
      { key: META.deviceId, value: 'desk-test-0001' },
    ]);
    const outbox = await v1.table('outbox').orderBy('seq').toArray();
    v1.close();
    return { resident: r, drafts, pulled, outbox };
  }

  it('loses nothing and links the waiting v1 mutations into the audit chain, in outbox order', async () => {
    const name = freshName();
    const before = await seedV1(name);

    const db = new DeskDb(name);
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.declarations.count()).toBe(4);
    expect(await db.residents.get(before.resident.id)).toEqual(before.resident);
    expect(await db.officers.count()).toBe(1);
    expect(await db.rejections.count()).toBe(1);
    expect((await db.meta.get(META.pullCursor))?.value).toBe(1234);

    // Every record has the v2 fields; the flagged one is found by the review queue's index.
    for (const record of await db.declarations.toArray()) expect(record).toMatchObject({ version: 1, edits: {} });
    expect((await db.declarations.orderBy('flaggedOn').toArray()).map((d) => d.id)).toEqual([before.pulled.id]);

    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((e) => [e.seq, e.id, e.recordId])).toEqual(before.outbox.map((e) => [e.seq, e.id, e.recordId]));
    expect(outbox.map((e) => e.mutation.audit.n)).toEqual([1, 2, 3]);
    expect(outbox.every((e) => e.type === 'declaration.create')).toBe(true);
    // The link covers the mutation exactly as v1 stored it.
    expect(outbox.map((e) => auditBody(e.mutation))).toEqual(before.outbox.map((e) => auditBody(e.mutation)));
    const verdict = verifyAuditChain(outbox.map((e) => ({ ...e.mutation.audit, body: auditBody(e.mutation) })));
    expect(verdict).toMatchObject({ checked: 3, problems: [], head: { n: 3 } });

    const audit = await db.audit.orderBy('n').toArray();
    expect(audit.map((a) => [a.n, a.mutationId, a.officerId, a.type])).toEqual(
      outbox.map((e, i) => [i + 1, e.id, demo.officer.id, 'declaration.create']),
    );

    // A change made after the upgrade continues the chain.
    await saveDeclaration(db, demo.draft(before.resident, 500));
    expect((await db.audit.orderBy('n').last())?.n).toBe(4);
    db.close();
  });

  it('keeps the upgraded outbox pushable under protocol v2, with an unbroken chain at HQ', async () => {
    const name = freshName();
    const before = await seedV1(name);
    const db = new DeskDb(name);
    await db.open();
    const hq = new FakeHq({ residents: [before.resident], goodsList: demo.goodsList, policy: demo.policy, officer: demo.officer });
    const session = hq.issueSession();
    const client = createHqClient({
      baseUrl: 'http://hq.test',
      deviceId: 'desk-test-0001',
      tokens: { accessToken: () => session.accessToken, refresh: async () => ({ ok: true, data: null }) },
      fetch: hq.fetch,
    });
    const pushed = await pushOutbox(db, client);
    expect(pushed).toMatchObject({ ok: true, data: { applied: 3, rejected: 0 } });
    expect([...hq.declarations.keys()]).toEqual(before.drafts.map((d) => d.id));
    expect(hq.auditBreaks).toEqual([]);
    expect(await db.outbox.count()).toBe(0);
    db.close();
  });
});
