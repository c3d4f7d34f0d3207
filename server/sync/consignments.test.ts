import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsignmentDraft,
  cstDateOf,
  type InspectionOrder,
  type InspectionRecord,
  pullResponseSchema,
  pushResponseSchema,
  SITE_ADMIN_PATHS,
  type Session,
} from '../../shared/index';
import { call } from '../admin/admin-test-kit';
import { DEMO_OFFICERS } from '../seed/demo-data';
import { deskChain } from '../testing/audit-chain';
import { type Harness, startHarness } from '../testing/hq-harness';
import { STORE_VARIANTS, type TestStore } from '../testing/test-stores';

const DEVICE = 'desk-yard-0001';
const officerId = DEMO_OFFICERS.find((o) => o.username === 'dx.officer1')?.id ?? '';

function consignment(siteId: string, category: ConsignmentDraft['category'], arrivedAt = new Date().toISOString()): ConsignmentDraft {
  return {
    id: randomUUID(),
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
    officerId,
    deviceId: DEVICE,
    recordedAt: new Date().toISOString(),
  };
}

describe.each(STORE_VARIANTS)('consignments and inspections at HQ ($name)', (variant) => {
  let store: TestStore;
  let h: Harness;
  let officer: Session;
  let other: Session;
  let admin: Session;
  const chain = deskChain(DEVICE);
  let siteVersion = 1;
  const today = () => cstDateOf(new Date());

  const push = async (mutations: object[]) => {
    const res = await h.push(officer.accessToken, mutations.map((m) => chain.link({ id: randomUUID(), deskTime: new Date().toISOString(), ...m })), DEVICE);
    expect(res.status).toBe(200);
    return pushResponseSchema.parse(await res.json()).results;
  };
  const act = async (type: 'pass_acceptance' | 'suspend') => {
    const answer = await call(h, admin.accessToken, 'POST', SITE_ADMIN_PATHS.siteEvents('DONGXING', 'DX2B-FRUIT'), {
      baseVersion: siteVersion,
      category: 'fruit',
      type,
      date: today(),
      documents: [{ title: '文件', number: null, issuer: '海关总署', issuedOn: null, attachment: null }],
      note: '',
    });
    expect(answer.status).toBe(201);
    siteVersion++;
  };

  beforeAll(async () => {
    store = await variant.create();
    h = await startHarness(store);
    officer = await h.login('dx.officer1', DEVICE);
    other = await h.login('dx.officer2', 'desk-yard-0002');
    admin = await h.login('hq.admin', 'console-yard-0001');
  });
  afterAll(async () => {
    await h?.close();
    await store?.dispose();
  });

  it('keeps a consignment to a site not yet in use, flagged; after acceptance none; after a suspension flagged again; an unknown site is refused', async () => {
    const [early] = await push([{ type: 'consignment.create', record: consignment('DX2B-FRUIT', 'fruit') }]);
    expect(early).toMatchObject({ status: 'applied', flags: [{ code: 'site_not_in_use' }] });
    await act('pass_acceptance');
    const [fine, wrongCategory, unknown] = await push([
      { type: 'consignment.create', record: consignment('DX2B-FRUIT', 'fruit') },
      { type: 'consignment.create', record: consignment('DX2B-GRAIN', 'fruit') },
      { type: 'consignment.create', record: consignment('NOPE-SITE', 'fruit') },
    ]);
    expect(fine).toMatchObject({ status: 'applied', flags: [] });
    expect(wrongCategory).toMatchObject({ status: 'applied', flags: [{ code: 'site_not_approved' }] });
    expect(unknown).toMatchObject({ status: 'rejected', error: { code: 'not_found', field: 'siteId' } });
    // Suspended at HQ while the desk was offline: the desk's consignment is kept and flagged.
    await act('suspend');
    const lateRecord = consignment('DX2B-FRUIT', 'fruit');
    const [late] = await push([{ type: 'consignment.create', record: lateRecord }]);
    expect(late).toMatchObject({ status: 'applied', flags: [{ code: 'site_suspended' }] });
    const page = pullResponseSchema.parse(await (await h.pull(other.accessToken, 0, 5000)).json());
    const pulled = page.changes.filter((c) => c.entity === 'consignment');
    expect(pulled).toHaveLength(4);
    const suspended = pulled.find((c) => c.data.id === lateRecord.id);
    expect(suspended?.entity === 'consignment' && suspended.data.flags.map((f) => f.code)).toEqual(['site_suspended']);
  });

  it("takes an order and a record in one batch; a record against its order's rules is refused with the reason", async () => {
    const goods = consignment('DX2B-FRUIT', 'fruit');
    const order: InspectionOrder = {
      id: randomUUID(),
      portId: 'DONGXING',
      consignmentId: goods.id,
      requirementCode: 'BK-2026-001',
      dispatchedAt: new Date().toISOString(),
      isRiskHit: true,
      methods: ['visual_exam', 'quarantine_exam'],
      proportionPercent: 10,
      instructions: '重点查验检疫性有害生物',
    };
    const record: InspectionRecord = {
      id: randomUUID(),
      portId: 'DONGXING',
      orderId: order.id,
      consignmentId: goods.id,
      officerId,
      deviceId: DEVICE,
      inspectedAt: new Date().toISOString(),
      methodsDone: ['visual_exam', 'quarantine_exam'],
      proportionPercent: 10,
      findings: '',
      result: 'pass',
      disposal: 'release',
      deviations: [],
      attachments: [{ sha256: 'a'.repeat(64), size: 1000, contentType: 'image/jpeg', fileName: 'p1.jpg', caption: '' }],
    };
    const bad = { ...record, id: randomUUID(), result: 'fail' as const, disposal: 'release' as const };
    const results = await push([
      { type: 'consignment.create', record: goods },
      { type: 'inspection_order.create', record: order },
      { type: 'inspection.create', record, order },
      { type: 'inspection.create', record: bad, order },
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'rejected']);
    expect(results[3]?.error).toMatchObject({ code: 'validation', field: 'record.disposal' });
    // The order as HQ holds it must be the one a record carries.
    const [changed] = await push([{ type: 'inspection.create', record: { ...record, id: randomUUID() }, order: { ...order, proportionPercent: 50 } }]);
    expect(changed).toMatchObject({ status: 'rejected', error: { code: 'conflict', field: 'order' } });
    const page = pullResponseSchema.parse(await (await h.pull(other.accessToken, 0, 5000)).json());
    expect(page.changes.filter((c) => c.entity === 'inspection').map((c) => c.data.id)).toEqual([record.id]);
    expect(page.changes.filter((c) => c.entity === 'inspection_order').map((c) => c.data.id)).toEqual([order.id]);
  });
});
