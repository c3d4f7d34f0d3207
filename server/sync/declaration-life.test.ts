import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PATHS,
  cstDateOf,
  type Declaration,
  type DeclarationLifeEvent,
  type MutationResult,
  pullResponseSchema,
  pushResponseSchema,
  type Session,
} from '../../shared/index';
import { call } from '../admin/admin-test-kit';
import { DEMO_GOODS_ITEMS } from '../seed/demo-data';
import { type DeskChain, deskChain } from '../testing/audit-chain';
import { declarationMutation, type Harness, startHarness } from '../testing/hq-harness';
import { countChanges, tableCounts } from '../testing/table-counts';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

/**
 * A declaration's life at HQ (declaration.event): HQ applies each event again with the
 * shared rule and its own gate policy (the demo: ±5 % or ±2 kg, the larger), answers a
 * refusal with the rule's code and reason, answers a replay from the stored result, and
 * lets only officers and supervisors of the port move a declaration on. The demo line
 * declares 105 kg gross: 108 kg at the gate is within (±5.25 kg), 120 kg is over.
 */
describe.each(STORE_VARIANTS)('declaration life at HQ ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let officer: Session;
  let chain: DeskChain;
  const DEVICE = `desk-life-${variant.name}`.slice(0, 40);

  const event = (recordId: string, e: DeclarationLifeEvent, portId = 'DONGXING', c: DeskChain = chain) =>
    c.link({ id: randomUUID(), type: 'declaration.event' as const, deskTime: new Date().toISOString(), portId, recordId, event: e });

  async function push(session: Session, mutations: unknown[], deviceId = DEVICE): Promise<MutationResult[]> {
    const res = await h.push(session.accessToken, mutations, deviceId);
    expect(res.status, await res.clone().text()).toBe(200);
    return pushResponseSchema.parse(await res.json()).results;
  }

  async function pulled(session: Session, id: string): Promise<Declaration | undefined> {
    let found: Declaration | undefined;
    let cursor = 0;
    for (let pages = 0; pages < 50; pages++) {
      const page = pullResponseSchema.parse(await (await h.pull(session.accessToken, cursor, 5000)).json());
      for (const change of page.changes) if (change.entity === 'declaration' && change.data.id === id) found = change.data;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    return found;
  }

  async function declared(certificateNo: string): Promise<string> {
    const create = declarationMutation({ certificateNo, deviceId: DEVICE, chain });
    const [result] = await push(officer, [create]);
    expect(result?.status).toBe('applied');
    return create.record.id;
  }

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    officer = await h.login('dx.officer1', DEVICE);
    chain = deskChain(DEVICE);
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('reviews and releases within tolerance; every desk of the port pulls the released record with the weighing', async () => {
    const id = await declared('DX000101');
    const results = await push(officer, [event(id, { type: 'review', riskHit: false, chooseForInspection: false }), event(id, { type: 'release', gateWeightKg: 108 })]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const other = await h.login('dx.officer2', 'desk-life-other');
    const record = await pulled(other, id);
    expect(record).toMatchObject({ status: 'released', riskHit: false, isChosenForInspection: false, version: 3 });
    expect(record?.gateCheck).toEqual({ verdict: 'within', declaredKg: 105, gateKg: 108, differenceKg: 3, allowanceKg: 5.25, gatePolicyVersion: 1 });
    expect(record?.edits.status?.officerId).toBe(record?.officerId);
  });

  it('refuses an over-weight release of an uninspected declaration with the reason; after an inspection it releases', async () => {
    const id = await declared('DX000102');
    const [review, over] = await push(officer, [event(id, { type: 'review', riskHit: false, chooseForInspection: false }), event(id, { type: 'release', gateWeightKg: 120 })]);
    expect(review?.status).toBe('applied');
    expect(over).toMatchObject({ status: 'rejected', error: { code: 'validation', field: 'gateWeightKg' } });
    expect(over?.error?.message).toContain('须布控查验');
    expect(over?.error?.message).toContain('order an inspection');
    expect((await pulled(officer, id))?.status).toBe('reviewed');
    const rest = await push(officer, [event(id, { type: 'order_inspection' }), event(id, { type: 'record_inspection' }), event(id, { type: 'release', gateWeightKg: 120 })]);
    expect(rest.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect((await pulled(officer, id))?.gateCheck?.verdict).toBe('over');
  });

  it('refuses an event the life does not allow now, and a risk hit not chosen for inspection, changing nothing', async () => {
    const id = await declared('DX000103');
    const before = await tableCounts(h.hq.db);
    const [early, riskHit] = await push(officer, [event(id, { type: 'release', gateWeightKg: 105 }), event(id, { type: 'review', riskHit: true, chooseForInspection: false })]);
    expect(early).toMatchObject({ status: 'rejected', error: { code: 'conflict', field: 'status' } });
    expect(early?.error?.message).toContain('cannot release at the gate while the declaration is declared');
    expect(riskHit).toMatchObject({ status: 'rejected', error: { code: 'conflict', field: 'chooseForInspection' } });
    // Only the two answers were stored.
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({ mutations: 2 });
    expect((await pulled(officer, id))?.status).toBe('declared');
  });

  it('answers a replayed event from its stored result and applies it once', async () => {
    const id = await declared('DX000104');
    const review = event(id, { type: 'review', riskHit: true, chooseForInspection: true });
    const [first] = await push(officer, [review]);
    const before = await tableCounts(h.hq.db);
    const [again] = await push(officer, [review]);
    expect(again).toMatchObject({ status: 'applied', replayed: true, seq: first?.seq });
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({});
    expect(await pulled(officer, id)).toMatchObject({ status: 'reviewed', riskHit: true, isChosenForInspection: true, version: 2 });
  });

  it('refuses an administrator (logged), another port, and a declaration of another port', async () => {
    const id = await declared('DX000105');
    const admin = await h.login('hq.admin', 'desk-life-admin');
    const adminChain = deskChain('desk-life-admin');
    const before = await tableCounts(h.hq.db);
    const [byAdmin] = await push(admin, [event(id, { type: 'review', riskHit: false, chooseForInspection: false }, 'DONGXING', adminChain)], 'desk-life-admin');
    expect(byAdmin).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect(countChanges(before, await tableCounts(h.hq.db))).toEqual({ mutations: 1, refused_requests: 1, audit_chains: 1 });

    const foreign = await h.push(officer.accessToken, [event(id, { type: 'review', riskHit: false, chooseForInspection: false }, 'PINGXIANG')], DEVICE);
    expect(foreign.status).toBe(403);

    const px = await h.login('px.officer1', 'desk-life-px');
    const [notTheirs] = await push(px, [event(id, { type: 'review', riskHit: false, chooseForInspection: false }, 'PINGXIANG', deskChain('desk-life-px'))], 'desk-life-px');
    expect(notTheirs).toMatchObject({ status: 'rejected', error: { code: 'not_found', field: 'recordId' } });
    expect((await pulled(officer, id))?.status).toBe('declared');
  });

  it('flags, never drops, a declaration over a weight cap because of another desk the same day', async () => {
    const admin = await h.login('hq.admin', 'desk-life-admin');
    const items = DEMO_GOODS_ITEMS.map((item) => (item.hsCode === '0803' ? { ...item, weightCapKg: 150 } : item));
    const published = await call(h, admin.accessToken, 'POST', ADMIN_PATHS.goodsLists('DONGXING'), { effectiveFrom: cstDateOf(new Date()), items });
    expect(published.status).toBe(201);
    const other = await h.login('dx.officer2', 'desk-life-other');
    // Each desk sees 100 kg of bananas, within 150 kg; the port sees 200 kg.
    const [first] = await push(other, [declarationMutation({ certificateNo: 'DX000106', officer: 'dx.officer2', deviceId: 'desk-life-other', chain: deskChain('desk-life-other') })], 'desk-life-other');
    expect(first?.flags).toEqual([]);
    const second = declarationMutation({ certificateNo: 'DX000106', deviceId: DEVICE, chain });
    const [flagged] = await push(officer, [second]);
    expect(flagged?.status).toBe('applied');
    expect(flagged?.flags.map((f) => f.code)).toEqual(['weight_cap_exceeded_elsewhere']);
    expect(flagged?.flags[0]?.message).toContain('限量 150 千克');
    expect(flagged?.flags[0]?.messageEn).toContain('50 kg over');
    expect((await pulled(officer, second.record.id))?.flags.map((f) => f.code)).toEqual(['weight_cap_exceeded_elsewhere']);
  });
});
