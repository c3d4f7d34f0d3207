import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates';
import type { ConsignmentDraft } from '../model/consignment';
import { DEMO_SITES } from '../model/site-demo';
import { SITE_CATEGORIES, type Site, type SiteCategory, type SiteEvent, type SiteEventType, siteSchema } from '../model/site';
import { assessConsignmentAtHq, checkConsignment, siteRefusal, usableSites } from './consignment-check';
import { applySiteEvent, INITIAL_SITE_APPROVAL_STATE, isSiteInUseOn, legalSiteEvents, siteStatusOn } from './site-approval';

const DOC = { title: '文件', number: null, issuer: '海关总署', issuedOn: null, attachment: null };
const ev = (type: SiteEventType, date: string): SiteEvent => ({ type, date, documents: [DOC], note: '', recordedAt: '2021-01-01T00:00:00Z' });
const TO_USE: SiteEventType[] = ['approve_project', 'pass_regional_review', 'gacc_approve', 'start_construction', 'finish_construction', 'pass_acceptance'];
const inUseFrom = (date: string) => TO_USE.map((type) => ev(type, date));

function site(id: string, lives: Partial<Record<SiteCategory, SiteEvent[]>>, change: Partial<Site> = {}): Site {
  return siteSchema.parse({
    id,
    portId: 'DONGXING',
    name: `场地${id}`,
    nameEn: `Site ${id}`,
    operator: { name: '运营单位', nameEn: '', creditCode: null },
    address: '东兴',
    facilities: [],
    capacities: [],
    approvals: Object.entries(lives).map(([category, events]) => ({ category, events })),
    version: 3,
    updatedAt: '2021-01-01T00:00:00Z',
    ...change,
  });
}

const fruitSite = site('FRUIT', { fruit: [...inUseFrom('2021-01-01'), ev('suspend', '2021-03-05'), ev('resume', '2021-03-09')] }, {
  capacities: [{ category: 'fruit', effectiveFrom: '2021-01-01', consignmentsPerDay: 2, kgPerDay: 30_000 }],
});
const grainSite = site('GRAIN', { grain: inUseFrom('2021-01-01') });

function consignment(change: Partial<ConsignmentDraft> = {}): ConsignmentDraft {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    portId: 'DONGXING',
    siteId: 'FRUIT',
    category: 'fruit',
    arrivedAt: '2021-02-01T02:00:00Z',
    goodsName: '火龙果',
    hsCode: '0810907000',
    originCountry: 'VN',
    quantity: 1000,
    unit: 'kg',
    grossKg: 10_000,
    vehiclePlate: '29C12345',
    officerId: '00000000-0000-4000-8000-0000000000a1',
    deviceId: 'desk-a-0001',
    recordedAt: '2021-02-01T02:01:00Z',
    ...change,
  };
}
const NONE = { consignments: 0, kg: 0 };

function refusedMessage(c: ConsignmentDraft, s: Site | null): string {
  const result = checkConsignment(c, { site: s, usedThatDay: NONE });
  if (result.ok) throw new Error('expected a refusal');
  expect(result.error.field).toBe('siteId');
  return result.error.message;
}

describe('checkConsignment: the desk refuses a site that may not take the goods', () => {
  it('accepts a fruit consignment at a fruit site in use', () => {
    expect(checkConsignment(consignment(), { site: fruitSite, usedThatDay: NONE })).toEqual({ ok: true, data: { arrivalDate: '2021-02-01', warnings: [] } });
  });

  it('refuses fruit at a site not approved for fruit', () => {
    const message = refusedMessage(consignment({ siteId: 'GRAIN' }), grainSite);
    expect(message).toBe('场地场地GRAIN（GRAIN）未获批用于进境水果，不能接收该批货物 / site Site GRAIN (GRAIN) is not approved for imported fruit: it cannot take this consignment');
  });

  it('names the status and the date for a site suspended, revoked, under construction or still in approval', () => {
    expect(refusedMessage(consignment({ arrivedAt: '2021-03-06T02:00:00Z' }), fruitSite)).toMatch(/自 2021-03-05 起暂停使用.* \/ .*suspended for imported fruit since 2021-03-05/);
    const revoked = site('FRUIT', { fruit: [...inUseFrom('2021-01-01'), ev('revoke', '2021-02-01')] });
    expect(refusedMessage(consignment({ arrivedAt: '2021-02-02T02:00:00Z' }), revoked)).toMatch(/已于 2021-02-01 撤销.*revoked on 2021-02-01/);
    const building = site('FRUIT', { fruit: inUseFrom('2021-01-01').slice(0, 4) });
    expect(refusedMessage(consignment(), building)).toMatch(/尚未启用（建设中，自 2021-01-01 起）.*not yet in use for imported fruit \(under construction since 2021-01-01\)/);
    const pending = site('FRUIT', { fruit: inUseFrom('2021-01-01').slice(0, 2) });
    expect(refusedMessage(consignment(), pending)).toMatch(/尚在审批中.*not yet approved/);
  });

  it('refuses Dongxing’s demo sites until their acceptance is recorded', () => {
    const demoFruit = DEMO_SITES.find((s) => s.id === 'DX2B-FRUIT') ?? null;
    expect(refusedMessage(consignment({ siteId: 'DX2B-FRUIT', arrivedAt: '2026-03-02T02:00:00Z' }), demoFruit)).toMatch(/建成待验收/);
  });

  it('refuses a site of another port, and a site the desk does not know with not_found', () => {
    const pingxiang = site('FRUIT', { fruit: inUseFrom('2021-01-01') }, { portId: 'PINGXIANG' });
    expect(refusedMessage(consignment(), pingxiang)).toMatch(/属于 PINGXIANG 口岸，不属于 DONGXING.*belongs to port PINGXIANG, not DONGXING/);
    const unknown = checkConsignment(consignment(), { site: null, usedThatDay: NONE });
    expect(unknown.ok || unknown.error).toMatchObject({ code: 'not_found', field: 'siteId' });
    const mismatched = checkConsignment(consignment({ siteId: 'OTHER' }), { site: fruitSite, usedThatDay: NONE });
    expect(mismatched.ok || mismatched.error.code).toBe('not_found');
  });

  it('reads the status on the arrival date in CST, whatever the desk’s zone', () => {
    // 2021-03-04T15:59Z is 23:59 on the 4th in CST (in use); 16:30Z is 00:30 on the 5th (suspended).
    expect(checkConsignment(consignment({ arrivedAt: '2021-03-04T15:59:00Z' }), { site: fruitSite, usedThatDay: NONE }).ok).toBe(true);
    expect(checkConsignment(consignment({ arrivedAt: '2021-03-04T16:30:00Z' }), { site: fruitSite, usedThatDay: NONE }).ok).toBe(false);
    expect(checkConsignment(consignment({ arrivedAt: '2021-03-09T08:00:00+08:00' }), { site: fruitSite, usedThatDay: NONE }).ok).toBe(true);
  });
});

describe('capacity is a warning, not a refusal', () => {
  it('warns when the day’s consignments or weight go over, and still accepts', () => {
    const over = checkConsignment(consignment(), { site: fruitSite, usedThatDay: { consignments: 2, kg: 25_000 } });
    expect(over.ok).toBe(true);
    if (!over.ok) return;
    expect(over.data.warnings.map((w) => [w.limit, w.capacity, w.usedBefore, w.usedAfter])).toEqual([
      ['consignments', 2, 2, 3],
      ['kg', 30_000, 25_000, 35_000],
    ]);
    expect(over.data.warnings[0]?.zh).toBe('2021-02-01 进境水果已接收 2 票，本票为第 3 票，超出日处理能力 2 票');
  });

  it('a load exactly at the capacity is within it, a gram more is over', () => {
    const at = checkConsignment(consignment({ grossKg: 10_000 }), { site: fruitSite, usedThatDay: { consignments: 1, kg: 20_000 } });
    expect(at.ok && at.data.warnings).toEqual([]);
    const gram = checkConsignment(consignment({ grossKg: 10_000.001 }), { site: fruitSite, usedThatDay: { consignments: 1, kg: 20_000 } });
    expect(gram.ok && gram.data.warnings.map((w) => w.limit)).toEqual(['kg']);
    const tenths = checkConsignment(consignment({ grossKg: 0.2 }), { site: site('FRUIT', { fruit: inUseFrom('2021-01-01') }, { capacities: [{ category: 'fruit', effectiveFrom: '2021-01-01', consignmentsPerDay: null, kgPerDay: 0.3 }] }), usedThatDay: { consignments: 0, kg: 0.1 } });
    expect(tenths.ok && tenths.data.warnings).toEqual([]);
  });

  it('no capacity recorded: no warning', () => {
    const result = checkConsignment(consignment({ siteId: 'GRAIN', category: 'grain' }), { site: grainSite, usedThatDay: { consignments: 1000, kg: 1e7 } });
    expect(result.ok && result.data.warnings).toEqual([]);
  });
});

describe('assessConsignmentAtHq: HQ flags what the desk could not know', () => {
  const hqNow = new Date('2021-03-06T04:00:00Z');

  it('flags a consignment accepted offline at a site suspended meanwhile, and keeps it', () => {
    const deskCopy = site('FRUIT', { fruit: inUseFrom('2021-01-01') }, { version: 2 });
    const arrival = consignment({ arrivedAt: '2021-03-06T01:00:00Z' });
    expect(checkConsignment(arrival, { site: deskCopy, usedThatDay: NONE }).ok).toBe(true);
    const result = assessConsignmentAtHq(arrival, { site: fruitSite, usedThatDay: NONE }, hqNow);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.siteVersion).toBe(3);
    expect(result.data.flags).toEqual([
      {
        code: 'site_suspended',
        message: 'HQ 复核（场地记录第 3 版）：场地场地FRUIT（FRUIT）的进境水果资质自 2021-03-05 起暂停使用；该批货物 2021-03-06 到场，柜台登记时可能尚未获知',
        messageEn: 'HQ re-check (site record v3): site Site FRUIT (FRUIT) is suspended for imported fruit since 2021-03-05; the consignment arrived on 2021-03-06, which the desk may not have known when it recorded it',
        at: '2021-03-06T04:00:00.000Z',
      },
    ]);
  });

  it('raises no flag when the site was in use that day, even if suspended later', () => {
    const result = assessConsignmentAtHq(consignment({ arrivedAt: '2021-03-04T01:00:00Z' }), { site: fruitSite, usedThatDay: NONE }, hqNow);
    expect(result.ok && result.data.flags).toEqual([]);
  });

  it('flags a revocation and an arrival date far from HQ’s day', () => {
    const revoked = site('FRUIT', { fruit: [...inUseFrom('2021-01-01'), ev('revoke', '2021-02-01')] });
    const result = assessConsignmentAtHq(consignment({ arrivedAt: '2021-02-10T01:00:00Z' }), { site: revoked, usedThatDay: NONE }, hqNow);
    expect(result.ok && result.data.flags.map((f) => f.code)).toEqual(['site_revoked', 'arrival_date_implausible']);
  });

  it('refuses a consignment it cannot attach to a site of the port', () => {
    const unknown = assessConsignmentAtHq(consignment(), { site: null, usedThatDay: NONE }, hqNow);
    expect(unknown.ok || unknown.error).toMatchObject({ code: 'not_found', field: 'siteId' });
    const foreign = assessConsignmentAtHq(consignment(), { site: { ...fruitSite, portId: 'PINGXIANG' }, usedThatDay: NONE }, hqNow);
    expect(foreign.ok).toBe(false);
  });

  it('reports capacity from the port-wide count without flagging it', () => {
    const result = assessConsignmentAtHq(consignment({ arrivedAt: '2021-03-04T01:00:00Z' }), { site: fruitSite, usedThatDay: { consignments: 5, kg: 0 } }, hqNow);
    expect(result.ok && result.data.flags).toEqual([]);
    expect(result.ok && result.data.warnings.map((w) => w.limit)).toEqual(['consignments']);
  });
});

describe('usableSites', () => {
  it('lists the port’s sites in use for the category that day', () => {
    const sites = [fruitSite, grainSite, site('FRUIT2', { fruit: inUseFrom('2021-01-01') }, { portId: 'PINGXIANG' })];
    expect(usableSites(sites, 'DONGXING', 'fruit', '2021-02-01').map((s) => s.id)).toEqual(['FRUIT']);
    expect(usableSites(sites, 'DONGXING', 'fruit', '2021-03-06')).toEqual([]);
    expect(usableSites(sites, 'DONGXING', 'grain', '2021-03-06').map((s) => s.id)).toEqual(['GRAIN']);
  });
});

// ── Properties ─────────────────────────────────────────────────────────────────────

const BASE = '2021-01-01';
/** A legal random life for one category: guided through the machine, dated forward. */
const lifeArb: fc.Arbitrary<SiteEvent[]> = fc.array(fc.tuple(fc.nat(), fc.nat(5)), { maxLength: 14 }).map((choices) => {
  let state = INITIAL_SITE_APPROVAL_STATE;
  const events: SiteEvent[] = [];
  for (const [pick, gap] of choices) {
    const legal = legalSiteEvents(state);
    const type = legal[pick % Math.max(1, legal.length)];
    if (type === undefined) break;
    const event = ev(type, addDays(state.since ?? BASE, gap));
    const result = applySiteEvent(state, event);
    if (!result.ok) break;
    state = result.data;
    events.push(event);
  }
  return events;
});
const categoryArb = fc.constantFrom(...SITE_CATEGORIES);
const arrivalArb = fc.tuple(fc.nat(70), fc.nat(24 * 60 - 1)).map(([day, minute]) => new Date(Date.parse(`${BASE}T00:00:00+08:00`) + day * 86_400_000 + minute * 60_000).toISOString());

describe('consignment check: properties', () => {
  it('the desk accepts exactly when the site is in use for the category on the arrival date', () => {
    fc.assert(
      fc.property(lifeArb, categoryArb, categoryArb, arrivalArb, (life, siteCategory, goods, arrivedAt) => {
        const s = site('S1', { [siteCategory]: life });
        const c = consignment({ siteId: 'S1', category: goods, arrivedAt });
        const date = new Date(Date.parse(arrivedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
        const result = checkConsignment(c, { site: s, usedThatDay: NONE });
        expect(result.ok).toBe(isSiteInUseOn(s, goods, date));
        if (!result.ok) expect(result.error.message).toMatch(/[\u4e00-\u9fff].* \/ [a-z]/);
        if (goods !== siteCategory) expect(result.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('HQ flags a site reason exactly when the desk, holding HQ’s copy, would have refused', () => {
    fc.assert(
      fc.property(lifeArb, categoryArb, arrivalArb, (life, category, arrivedAt) => {
        const s = site('S1', { [category]: life });
        const c = consignment({ siteId: 'S1', category, arrivedAt });
        const desk = checkConsignment(c, { site: s, usedThatDay: NONE });
        const hq = assessConsignmentAtHq(c, { site: s, usedThatDay: NONE }, new Date(arrivedAt));
        expect(hq.ok).toBe(true);
        const siteFlags = hq.ok ? hq.data.flags.filter((f) => f.code !== 'arrival_date_implausible') : [];
        expect(siteFlags.length).toBe(desk.ok ? 0 : 1);
        const refusal = siteRefusal(c, s);
        if (refusal !== null && 'status' in refusal) expect(siteFlags[0]?.code).toBe(`site_${refusal.reason}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('a suspension HQ recorded while the desk was offline always flags the desk’s consignment', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(10), fc.nat(24 * 60 - 1), (usedFrom, afterSuspension, minute) => {
        const start = addDays(BASE, usedFrom);
        const suspendedOn = addDays(start, 3);
        const deskCopy = site('S1', { fruit: inUseFrom(start) });
        const hqCopy = site('S1', { fruit: [...inUseFrom(start), ev('suspend', suspendedOn)] });
        const arrivedAt = new Date(Date.parse(`${addDays(suspendedOn, afterSuspension)}T00:00:00+08:00`) + minute * 60_000).toISOString();
        const c = consignment({ siteId: 'S1', arrivedAt });
        expect(checkConsignment(c, { site: deskCopy, usedThatDay: NONE }).ok).toBe(true);
        const hq = assessConsignmentAtHq(c, { site: hqCopy, usedThatDay: NONE }, new Date(arrivedAt));
        expect(hq.ok && hq.data.flags.map((f) => f.code)).toEqual(['site_suspended']);
        expect(siteStatusOn(hqCopy, 'fruit', addDays(suspendedOn, afterSuspension)).since).toBe(suspendedOn);
      }),
      { numRuns: 300 },
    );
  });
});
