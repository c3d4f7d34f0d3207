import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  auditBody,
  type ConsignmentDraft,
  DEMO_SITES,
  demoAcceptanceEvent,
  type InspectionOrder,
  type InspectionRecord,
  recordSiteEvent,
  type Site,
  siteUseRows,
  siteUseSeries,
  verifyAuditChain,
} from '../../../shared/index';
import { DeskDb, deskDbName } from '../db/desk-db';
import * as demo from '../testing/demo-data';
import { addAttachment } from './attachments';
import { SiteUseChart, SiteUseTable } from './components/SiteUsePanel';
import {
  type ConsignmentFormValues,
  consignmentDraftOf,
  consignmentsOn,
  cstInputOf,
  cstInputToIso,
  fieldLabel,
  type InspectionFormValues,
  inspectionOf,
  inspectionProblemsOf,
  siteChoices,
  withRequiredDeviations,
} from './inspection-forms';
import { saveConsignment } from './save-consignment';
import { saveInspection } from './save-inspection';
import { chartGeometry } from './site-use-chart';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

async function openDb(): Promise<DeskDb> {
  const name = deskDbName('DONGXING', `i${crypto.randomUUID().slice(0, 8)}`);
  names.push(name);
  const db = new DeskDb(name);
  await db.open();
  return db;
}

const who = { portId: 'DONGXING', officerId: demo.officer.id, deviceId: 'desk-test-0001' };

function demoSite(id: string): Site {
  const site = DEMO_SITES.find((s) => s.id === id);
  if (site === undefined) throw new Error(`no demo site ${id}`);
  return site;
}

/** The demo fruit site with its acceptance recorded on `date` (in use from then on). */
function acceptedFruitSite(date: string): Site {
  const accepted = recordSiteEvent(demoSite('DX2B-FRUIT'), 'fruit', demoAcceptanceEvent(date, `${date}T09:00:00+08:00`), `${date}T09:00:00+08:00`);
  if (!accepted.ok) throw new Error(accepted.error.message);
  return accepted.data;
}

const form = (patch: Partial<ConsignmentFormValues> = {}): ConsignmentFormValues => ({
  category: 'fruit',
  arrivedAt: '2026-11-22T10:30',
  siteId: 'DX2B-FRUIT',
  goodsName: '火龙果',
  hsCode: '0810',
  originCountry: 'vn',
  quantity: '1200',
  unit: '箱',
  grossKg: '14000',
  vehiclePlate: '29c-123.45',
  ...patch,
});

describe('CST times in the forms', () => {
  it('reads a datetime-local value as Beijing time and writes one back', () => {
    expect(cstInputToIso('2026-11-22T10:30')).toBe('2026-11-22T10:30:00+08:00');
    expect(new Date(cstInputToIso('2026-11-22T00:15') ?? '').toISOString()).toBe('2026-11-21T16:15:00.000Z');
    expect(cstInputToIso('2026-11-22')).toBeNull();
    expect(cstInputToIso('')).toBeNull();
    expect(cstInputOf(new Date('2026-11-21T16:15:00Z'))).toBe('2026-11-22T00:15');
  });
});

describe('consignment form', () => {
  const now = new Date('2026-11-22T03:00:00Z');

  it('becomes a draft in its stored form (plate normalised, origin upper case)', () => {
    const draft = consignmentDraftOf(form(), who, now);
    expect(draft.ok).toBe(true);
    if (!draft.ok) return;
    expect(draft.data).toMatchObject({ vehiclePlate: '29C12345', originCountry: 'VN', quantity: 1200, grossKg: 14000, arrivedAt: '2026-11-22T10:30:00+08:00', portId: 'DONGXING' });
  });

  it('names the field of the first problem', () => {
    const noWeight = consignmentDraftOf(form({ grossKg: '' }), who, now);
    expect(noWeight.ok ? null : noWeight.error.field).toBe('grossKg');
    expect(noWeight.ok ? '' : noWeight.error.message).toContain('毛重（千克）');
    const noSite = consignmentDraftOf(form({ siteId: '' }), who, now);
    expect(noSite.ok ? null : noSite.error.field).toBe('siteId');
    const badOrigin = consignmentDraftOf(form({ originCountry: 'Vietnam' }), who, now);
    expect(badOrigin.ok ? null : badOrigin.error.field).toBe('originCountry');
  });

  it('offers first the sites in use for the category that day, then every other site of the port', () => {
    const sites = [acceptedFruitSite('2026-11-20'), ...DEMO_SITES.filter((s) => s.id !== 'DX2B-FRUIT')];
    const fruit = siteChoices(sites, 'DONGXING', 'fruit', '2026-11-22');
    expect(fruit.usable.map((s) => s.id)).toEqual(['DX2B-FRUIT']);
    expect(fruit.others).toHaveLength(4);
    // Before the acceptance the fruit site cannot take fruit.
    expect(siteChoices(sites, 'DONGXING', 'fruit', '2026-11-19').usable).toEqual([]);
    expect(siteChoices(sites, 'PINGXIANG', 'fruit', '2026-11-22')).toEqual({ usable: [], others: [] });
  });

  it('lists the consignments of one CST day, latest first', () => {
    const list = [{ arrivedAt: '2026-11-21T16:30:00Z' }, { arrivedAt: '2026-11-22T10:00:00+08:00' }, { arrivedAt: '2026-11-21T15:59:00Z' }];
    expect(consignmentsOn(list, '2026-11-22').map((c) => c.arrivedAt)).toEqual(['2026-11-22T10:00:00+08:00', '2026-11-21T16:30:00Z']);
  });

  it('a fruit consignment to the grain site is refused with the reason; to the accepted fruit site it is saved', async () => {
    const db = await openDb();
    await db.sites.bulkPut([acceptedFruitSite('2026-11-20'), demoSite('DX2B-GRAIN')]);
    const toGrain = consignmentDraftOf(form({ siteId: 'DX2B-GRAIN' }), who, now);
    if (!toGrain.ok) throw new Error(toGrain.error.message);
    const refused = await saveConsignment(db, toGrain.data, now);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.field).toBe('siteId');
      expect(refused.error.message).toContain('未获批用于进境水果');
    }
    expect(await db.outbox.count()).toBe(0);
    const toFruit = consignmentDraftOf(form(), who, now);
    if (!toFruit.ok) throw new Error(toFruit.error.message);
    expect((await saveConsignment(db, toFruit.data, now)).ok).toBe(true);
  });
});

const blankInspection = (consignmentId: string): InspectionFormValues => ({
  consignmentId,
  requirementCode: 'BK-2026-0001',
  dispatchedAt: '2026-11-22T09:00',
  isRiskHit: true,
  orderedMethods: ['document_check', 'unpacking'],
  orderedPercent: '20',
  instructions: '查验果蝇',
  methodsDone: ['document_check', 'unpacking'],
  percentDone: '20',
  findings: '',
  result: 'pass',
  disposal: 'release',
  deviations: [],
  attachments: [],
});

describe('inspection form', () => {
  it('adds a row for each departure from the order, and drops it when the departure goes (unless a reason was written)', () => {
    const values = blankInspection(crypto.randomUUID());
    const skipped = withRequiredDeviations({ ...values, methodsDone: ['document_check'], percentDone: '10' });
    expect(skipped.map((d) => [d.kind, d.method])).toEqual([
      ['method_skipped', 'unpacking'],
      ['proportion_lower', null],
    ]);
    const back = withRequiredDeviations({ ...values, deviations: skipped });
    expect(back).toEqual([]);
    const kept = withRequiredDeviations({ ...values, deviations: [{ kind: 'method_skipped', method: 'unpacking', reason: '已写原因' }, { kind: 'other', method: null, reason: '' }] });
    expect(kept).toHaveLength(2);
  });

  it('lists every problem against the order, each named by its field', () => {
    const values = { ...blankInspection(crypto.randomUUID()), methodsDone: ['document_check' as const], result: 'fail' as const, disposal: 'release' as const };
    const built = inspectionOf(values, who, new Date(), { orderId: crypto.randomUUID(), recordId: crypto.randomUUID() });
    if (!built.ok) throw new Error(built.error.message);
    const problems = inspectionProblemsOf(built.data.order, built.data.record);
    expect(problems.map((p) => p.path)).toEqual(['disposal', 'findings', 'deviations']);
    expect(problems[2]?.zh).toContain('开箱查验');
    expect(problems[0]?.label.zh).toBe('处置');
    expect(problems[1]?.label.zh).toBe('查验情况');
    expect(fieldLabel('deviations.1.reason').zh).toBe('偏差 2 的原因');
    expect(fieldLabel('order.requirementCode').en).toBe('requirement code');
  });

  it('refuses a missing dispatch time or consignment with its field', () => {
    const ids = { orderId: crypto.randomUUID(), recordId: crypto.randomUUID() };
    const noTime = inspectionOf({ ...blankInspection(crypto.randomUUID()), dispatchedAt: '' }, who, new Date(), ids);
    expect(noTime.ok ? null : noTime.error.field).toBe('order.dispatchedAt');
    const noConsignment = inspectionOf(blankInspection(''), who, new Date(), ids);
    expect(noConsignment.ok ? null : noConsignment.error.field).toBe('consignmentId');
  });
});

describe('saveInspection', () => {
  const now = new Date('2026-11-22T03:00:00Z');

  async function withConsignment(): Promise<{ db: DeskDb; consignment: ConsignmentDraft }> {
    const db = await openDb();
    await db.sites.put(acceptedFruitSite('2026-11-20'));
    const draft = consignmentDraftOf(form(), who, now);
    if (!draft.ok) throw new Error(draft.error.message);
    const saved = await saveConsignment(db, draft.data, now);
    if (!saved.ok) throw new Error(saved.error.message);
    return { db, consignment: draft.data };
  }

  function build(values: InspectionFormValues): { order: InspectionOrder; record: InspectionRecord } {
    const built = inspectionOf(values, who, now, { orderId: crypto.randomUUID(), recordId: crypto.randomUUID() });
    if (!built.ok) throw new Error(built.error.message);
    return built.data;
  }

  it('saves order, record, their outbox entries and audit links together; the chain verifies', async () => {
    const { db, consignment } = await withConsignment();
    const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3])], { type: 'image/jpeg' });
    const kept = await addAttachment(db.attachments, photo, '开箱.jpg', now);
    if (!kept.ok) throw new Error(kept.error.message);
    const input = build({ ...blankInspection(consignment.id), attachments: [{ ...kept.data, caption: '开箱' }] });
    const saved = await saveInspection(db, input, now);
    expect(saved.ok).toBe(true);
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((e) => e.type)).toEqual(['consignment.create', 'inspection_order.create', 'inspection.create']);
    const last = outbox[2]?.mutation;
    expect(last?.type === 'inspection.create' ? last.order : null).toEqual(input.order);
    expect(await db.inspections.get(input.record.id)).toEqual(input.record);
    expect(await db.inspectionOrders.get(input.order.id)).toEqual(input.order);
    const links = await db.audit.orderBy('n').toArray();
    expect(links.map((l) => l.n)).toEqual([1, 2, 3]);
    const verdict = verifyAuditChain(outbox.map((e) => ({ ...e.mutation.audit, body: auditBody(e.mutation) })));
    expect(verdict.problems).toEqual([]);
    expect(verdict.head?.n).toBe(3);
  });

  it('refuses a record that breaks the order, naming the field, and writes nothing', async () => {
    const { db, consignment } = await withConsignment();
    const input = build({ ...blankInspection(consignment.id), result: 'fail', disposal: 'release', findings: '' });
    const saved = await saveInspection(db, input, now);
    expect(saved.ok).toBe(false);
    if (!saved.ok) expect(saved.error.field).toBe('disposal');
    expect(await db.outbox.count()).toBe(1);
    expect(await db.inspections.count()).toBe(0);
  });

  it('refuses an attachment the desk does not hold, and a consignment it does not know', async () => {
    const { db, consignment } = await withConsignment();
    const ghost = { sha256: 'a'.repeat(64), size: 10, contentType: 'image/png' as const, fileName: 'x.png', caption: '' };
    const missing = await saveInspection(db, build({ ...blankInspection(consignment.id), attachments: [ghost] }), now);
    expect(missing.ok ? null : missing.error.field).toBe('attachments.0');
    const unknown = await saveInspection(db, build(blankInspection(crypto.randomUUID())), now);
    expect(unknown.ok ? null : unknown.error.code).toBe('not_found');
    expect(await db.outbox.count()).toBe(1);
  });

  it('a second record against an order already held queues only the record', async () => {
    const { db, consignment } = await withConsignment();
    const first = build(blankInspection(consignment.id));
    expect((await saveInspection(db, first, now)).ok).toBe(true);
    const second = { order: first.order, record: { ...first.record, id: crypto.randomUUID() } };
    const saved = await saveInspection(db, second, now);
    expect(saved.ok ? saved.data.mutationIds.length : 0).toBe(1);
    const changed = { order: { ...first.order, instructions: '另一内容' }, record: { ...first.record, id: crypto.randomUUID() } };
    const refused = await saveInspection(db, changed, now);
    expect(refused.ok ? null : refused.error.code).toBe('conflict');
  });
});

describe('site use: table and chart', () => {
  const sites = [acceptedFruitSite('2026-11-20')];
  const arrivals = (date: string, n: number, kg: number) =>
    Array.from({ length: n }, (_, i) => ({ id: crypto.randomUUID(), siteId: 'DX2B-FRUIT', category: 'fruit' as const, arrivedAt: `${date}T0${i % 10}:00:00+08:00`, grossKg: kg }));

  it('draws one line per site and category with a gap where no row is, and the capacity line at 100 %', () => {
    const consignments = [...arrivals('2026-11-20', 60, 1000), ...arrivals('2026-11-22', 150, 1000)];
    const rows = siteUseRows(sites, consignments, '2026-11-18', '2026-11-22');
    if (!rows.ok) throw new Error(rows.error.message);
    const geometry = chartGeometry(siteUseSeries(rows.data), '2026-11-18', '2026-11-22');
    expect(geometry.lines).toHaveLength(1);
    const line = geometry.lines[0];
    // Not in use before the 20th: no points on the 18th and 19th.
    expect(line?.points.map((p) => [p.date, p.percent, p.isOver])).toEqual([
      ['2026-11-20', 50, false],
      ['2026-11-21', 0, false],
      ['2026-11-22', 125, true],
    ]);
    expect(line?.d.startsWith('M')).toBe(true);
    expect(line?.d.split('M')).toHaveLength(2);
    expect(geometry.maxPercent).toBe(125);
    expect(geometry.capacityY).toBeGreaterThan(geometry.box.top);
    expect(geometry.capacityY).toBeLessThan(geometry.box.height - geometry.box.bottom);

    const svg = renderToStaticMarkup(<SiteUseChart geometry={geometry} title="场地使用率" />);
    expect(svg).toContain('<path d="M');
    expect(svg).toContain('东兴口岸二桥进境水果指定监管场地');
    const table = renderToStaticMarkup(<SiteUseTable rows={rows.data} />);
    expect(table.match(/data-testid="in-site-use-row"/g)).toHaveLength(3);
    expect(table).toContain('class="over"');
    expect(table).toContain('125%');
  });

  it('breaks a line over a day without a row', () => {
    const geometry = chartGeometry(
      [
        {
          siteId: 'S',
          category: 'fruit',
          label: { zh: 'S', en: 'S' },
          points: [
            { date: '2026-11-01', utilisationPercent: 10, consignments: 1, kg: 1 },
            { date: '2026-11-03', utilisationPercent: 20, consignments: 2, kg: 2 },
          ],
        },
      ],
      '2026-11-01',
      '2026-11-03',
    );
    expect(geometry.lines[0]?.d.split('M')).toHaveLength(3);
  });
});
