import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PATHS,
  addDays,
  cstDateOf,
  goodsListWriteAnswerSchema,
  policyWriteAnswerSchema,
  pointWriteAnswerSchema,
  portsAnswerSchema,
  pullResponseSchema,
  referenceAnswerSchema,
  type Session,
} from '../../shared/index';
import { DEMO_GOODS_ITEMS } from '../seed/demo-data';
import { GoodsListCache, loadReferenceSnapshot } from '../sync/reference-snapshot';
import { type Harness, startHarness } from '../testing/hq-harness';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';
import { call } from './admin-test-kit';

describe.each(STORE_VARIANTS)('admin API: ports and reference data ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let admin: Session;
  let dxOfficer: Session;
  const today = () => cstDateOf(new Date());
  /** The last seq a DONGXING desk has pulled. */
  async function cursorOf(session: Session): Promise<number> {
    let after = 0;
    for (;;) {
      const page = pullResponseSchema.parse(await (await h.pull(session.accessToken, after, 5000)).json());
      after = page.cursor;
      if (!page.hasMore) return after;
    }
  }
  async function pulledAfter(session: Session, after: number) {
    const res = await h.pull(session.accessToken, after, 100);
    expect(res.status).toBe(200);
    return pullResponseSchema.parse(await res.json()).changes;
  }

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    admin = await h.login('hq.admin', 'console-test-0001');
    dxOfficer = await h.login('dx.officer1', 'desk-admin-0001');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('lists every port with its counter, sizes, open conflicts and broken chains', async () => {
    const answer = await call(h, admin.accessToken, 'GET', ADMIN_PATHS.ports());
    expect(answer.status).toBe(200);
    const { ports } = portsAnswerSchema.parse(answer.body);
    expect(ports.map((p) => p.id)).toEqual(['DONGXING', 'PINGXIANG']);
    expect(ports[0]).toMatchObject({ name: '东兴口岸', nameEn: 'Dongxing Port', counts: { declarations: 0, residents: 3002, officers: 4 }, openConflicts: 0, brokenChains: 0 });
    expect(ports[1]).toMatchObject({ counts: { residents: 500, officers: 1 } });
    const [{ last_seq }] = (await h.hq.db.query<{ last_seq: number }>("SELECT last_seq FROM ports WHERE port_id = 'PINGXIANG'")) as [{ last_seq: number }];
    expect(ports[1]?.lastSeq).toBe(last_seq);
  });

  it("reads a port's reference data, officers without their password hashes", async () => {
    const answer = await call(h, admin.accessToken, 'GET', ADMIN_PATHS.reference('PINGXIANG'));
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).not.toMatch(/scrypt|password/i);
    const reference = referenceAnswerSchema.parse(answer.body);
    expect(reference.policies).toEqual([expect.objectContaining({ portId: 'PINGXIANG', version: 1, dailyExemptFen: 800_000 })]);
    expect(reference.goodsLists[0]?.items).toHaveLength(DEMO_GOODS_ITEMS.length);
    expect(reference.officers).toEqual([expect.objectContaining({ username: 'px.officer1', disabled: false })]);
    expect(reference.points.map((p) => p.id)).toEqual(['PX-01']);
    expect((await call(h, admin.accessToken, 'GET', ADMIN_PATHS.reference('NOWHERE'))).status).toBe(404);
    expect((await call(h, admin.accessToken, 'GET', ADMIN_PATHS.reference('bad port'))).code).toBe('validation');
  });

  it('publishes a policy version (highest + 1) that desks of the port pull after their cursor', async () => {
    const cursor = await cursorOf(dxOfficer);
    const answer = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.policies('DONGXING'), { dailyExemptFen: 1_000_000, effectiveFrom: addDays(today(), 1) });
    expect(answer.status).toBe(201);
    const { seq, record } = policyWriteAnswerSchema.parse(answer.body);
    expect(record).toMatchObject({ portId: 'DONGXING', version: 2, dailyExemptFen: 1_000_000 });
    expect(seq).toBe(cursor + 1);
    expect(await pulledAfter(dxOfficer, cursor)).toEqual([{ seq, entity: 'policy', data: record }]);
    // Two versions the same day: the later one is the correction, in force from then on.
    const again = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.policies('DONGXING'), { dailyExemptFen: 900_000, effectiveFrom: addDays(today(), 1) });
    expect(policyWriteAnswerSchema.parse(again.body).record.version).toBe(3);
    // The other port's versions are its own.
    const px = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.policies('PINGXIANG'), { dailyExemptFen: 500_000, effectiveFrom: today() });
    expect(policyWriteAnswerSchema.parse(px.body).record.version).toBe(2);
  });

  it('refuses a policy dated before today (CST), a negative or fractional amount, and an unknown port — changing nothing', async () => {
    const before = await tableCounts(h.hq.db);
    const cases: [string, unknown, number, string][] = [
      ['DONGXING', { dailyExemptFen: 800_000, effectiveFrom: addDays(today(), -1) }, 400, 'effectiveFrom'],
      ['DONGXING', { dailyExemptFen: 800_000, effectiveFrom: addDays(today(), 800) }, 400, 'effectiveFrom'],
      ['DONGXING', { dailyExemptFen: -1, effectiveFrom: today() }, 400, 'dailyExemptFen'],
      ['DONGXING', { dailyExemptFen: 1.5, effectiveFrom: today() }, 400, 'dailyExemptFen'],
      ['DONGXING', { dailyExemptFen: 800_000, effectiveFrom: '2026-02-30' }, 400, 'effectiveFrom'],
      ['NOWHERE', { dailyExemptFen: 800_000, effectiveFrom: today() }, 404, 'port'],
    ];
    for (const [port, body, status, field] of cases) {
      const answer = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.policies(port), body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body).toMatchObject({ error: { field, message: expect.any(String) } });
    }
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({});
  });

  it('publishes a goods-list version that reaches the pull feed, and HQ checks pushes against it at once', async () => {
    const cursor = await cursorOf(dxOfficer);
    const px = await h.login('px.officer1', 'desk-admin-0002');
    const pxCursor = await cursorOf(px);
    const cache = new GoodsListCache();
    const before = await loadReferenceSnapshot(h.hq.db, 'DONGXING', [today()], cache);
    expect(before.goodsListOn(today())?.version).toBe(1);
    // Bananas (0803) move to the negative list from today.
    const items = DEMO_GOODS_ITEMS.map((item) => (item.hsCode === '0803' ? { ...item, list: 'negative' as const } : item));
    const answer = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.goodsLists('DONGXING'), { effectiveFrom: today(), items });
    expect(answer.status).toBe(201);
    const { seq, record } = goodsListWriteAnswerSchema.parse(answer.body);
    expect(record).toMatchObject({ version: 2, effectiveFrom: today() });
    expect(await pulledAfter(dxOfficer, cursor)).toEqual([{ seq, entity: 'goods_list', data: record }]);
    // The push side's cache is keyed by list id and seq: the same cache sees the new version.
    const after = await loadReferenceSnapshot(h.hq.db, 'DONGXING', [today()], cache);
    expect(after.goodsListOn(today())?.items.find((i) => i.hsCode === '0803')?.list).toBe('negative');
    // A PINGXIANG desk never sees it.
    expect(await pulledAfter(px, pxCursor)).toEqual([]);
  });

  it('refuses a goods list with an HS prefix twice, a bad HS code, no items, or unstorable text', async () => {
    const item = DEMO_GOODS_ITEMS[0];
    const before = await tableCounts(h.hq.db);
    for (const items of [[item, item], [{ ...item, hsCode: '8' }], [], [{ ...item, name: 'x\u0000' }], [{ ...item, list: 'maybe' }]]) {
      const answer = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.goodsLists('DONGXING'), { effectiveFrom: today(), items });
      expect(answer.status, JSON.stringify(items)).toBe(400);
      expect(answer.code).toBe('validation');
    }
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({});
  });

  it('adds and renames market points; desks pull both; a taken id or an unknown point is refused', async () => {
    const cursor = await cursorOf(dxOfficer);
    const added = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.points('DONGXING'), { id: 'DX-03', name: '东兴新互市点', nameEn: 'New Point' });
    expect(added.status).toBe(201);
    const renamed = await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.point('DONGXING', 'DX-03'), { nameEn: 'Dongxing New Point' });
    expect(renamed.status).toBe(200);
    const { seq, record } = pointWriteAnswerSchema.parse(renamed.body);
    expect(record).toEqual({ id: 'DX-03', portId: 'DONGXING', name: '东兴新互市点', nameEn: 'Dongxing New Point' });
    // One row, its latest state at its latest seq.
    expect(await pulledAfter(dxOfficer, cursor)).toEqual([{ seq, entity: 'market_point', data: record }]);

    const taken = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.points('DONGXING'), { id: 'DX-01', name: '重复', nameEn: '' });
    expect([taken.status, taken.code]).toEqual([409, 'conflict']);
    const unknown = await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.point('DONGXING', 'PX-01'), { name: '别的口岸' });
    expect([unknown.status, unknown.code]).toEqual([404, 'not_found']);
    const empty = await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.point('DONGXING', 'DX-01'), {});
    expect(empty.status).toBe(400);
    const badId = await call(h, admin.accessToken, 'PATCH', ADMIN_PATHS.point('DONGXING', 'dx 01'), { name: 'x' });
    expect([badId.status, (badId.body as { error: { field: string } }).error.field]).toEqual([400, 'point']);
  });

  it('answers 405 for a wrong method and 404 for an unknown admin path', async () => {
    expect((await call(h, admin.accessToken, 'DELETE', ADMIN_PATHS.point('DONGXING', 'DX-01'))).status).toBe(405);
    expect((await call(h, admin.accessToken, 'GET', ADMIN_PATHS.policies('DONGXING'))).status).toBe(405);
    expect((await call(h, admin.accessToken, 'GET', `${ADMIN_PATHS.ports()}/`)).status).toBe(404);
    expect((await call(h, admin.accessToken, 'GET', '/api/v1/admin/nothing')).status).toBe(404);
  });
});
