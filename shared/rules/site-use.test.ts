import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, cstDateOf } from '../dates';
import { type Site, type SiteCategory, type SiteEvent, type SiteEventType, siteSchema } from '../model/site';
import { isSiteInUseOn } from './site-approval';
import { dayUsage, MAX_SITE_USE_DAYS, siteUseRows, siteUseSeries, type UsageConsignment } from './site-use';

const DOC = { title: '文件', number: null, issuer: '海关总署', issuedOn: null, attachment: null };
const ev = (type: SiteEventType, date: string): SiteEvent => ({ type, date, documents: [DOC], note: '', recordedAt: '2021-01-01T00:00:00Z' });
const inUseFrom = (date: string) =>
  (['approve_project', 'pass_regional_review', 'gacc_approve', 'start_construction', 'finish_construction', 'pass_acceptance'] as const).map((type) => ev(type, date));

function site(id: string, approvals: Partial<Record<SiteCategory, SiteEvent[]>>, capacities: Site['capacities'] = []): Site {
  return siteSchema.parse({
    id,
    portId: 'DONGXING',
    name: `场地${id}`,
    nameEn: `Site ${id}`,
    operator: { name: '运营单位', nameEn: '', creditCode: null },
    address: '东兴',
    facilities: [],
    capacities,
    approvals: Object.entries(approvals).map(([category, events]) => ({ category, events })),
    version: 1,
    updatedAt: '2021-01-01T00:00:00Z',
  });
}

let serial = 0;
function arrival(siteId: string, category: SiteCategory, arrivedAt: string, grossKg: number): UsageConsignment {
  serial++;
  return { id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`, siteId, category, arrivedAt, grossKg };
}

const combined = site(
  'COMBINED',
  { fruit: [...inUseFrom('2021-03-01'), ev('suspend', '2021-03-03')], chilled_aquatic: inUseFrom('2021-03-02') },
  [
    { category: 'fruit', effectiveFrom: '2021-03-01', consignmentsPerDay: 4, kgPerDay: 10_000 },
    { category: 'chilled_aquatic', effectiveFrom: '2021-03-01', consignmentsPerDay: null, kgPerDay: 1000 },
    { category: 'chilled_aquatic', effectiveFrom: '2021-03-03', consignmentsPerDay: null, kgPerDay: 2000 },
  ],
);
const other = site('ALPHA', { grain: inUseFrom('2021-03-01') });

describe('dayUsage', () => {
  it('counts a site’s consignments of one category on one CST day, leaving one out if asked', () => {
    const list = [
      arrival('COMBINED', 'fruit', '2021-03-01T15:59:00Z', 0.1), // 23:59 CST, the 1st
      arrival('COMBINED', 'fruit', '2021-03-01T16:00:00Z', 5), // 00:00 CST, the 2nd
      arrival('COMBINED', 'fruit', '2021-03-01T01:00:00Z', 0.2),
      arrival('COMBINED', 'chilled_aquatic', '2021-03-01T01:00:00Z', 7),
      arrival('ALPHA', 'fruit', '2021-03-01T01:00:00Z', 9),
    ];
    expect(dayUsage(list, 'COMBINED', 'fruit', '2021-03-01')).toEqual({ consignments: 2, kg: 0.3 });
    expect(dayUsage(list, 'COMBINED', 'fruit', '2021-03-01', list[0]?.id)).toEqual({ consignments: 1, kg: 0.2 });
    expect(dayUsage(list, 'COMBINED', 'fruit', '2021-03-02')).toEqual({ consignments: 1, kg: 5 });
  });
});

describe('siteUseRows', () => {
  const list = [
    arrival('COMBINED', 'fruit', '2021-03-01T01:00:00Z', 6000),
    arrival('COMBINED', 'fruit', '2021-03-01T02:00:00Z', 6000),
    arrival('COMBINED', 'fruit', '2021-03-02T02:00:00Z', 1000),
    arrival('COMBINED', 'fruit', '2021-03-04T02:00:00Z', 1000), // suspended that day: flagged, still counted
    arrival('COMBINED', 'chilled_aquatic', '2021-03-02T02:00:00Z', 500),
    arrival('GONE', 'fruit', '2021-03-02T02:00:00Z', 1),
  ];

  it('one row per day, site and category in use or used, with utilisation from the fuller limit', () => {
    const rows = siteUseRows([combined, other], list, '2021-03-01', '2021-03-04');
    expect(rows.ok).toBe(true);
    if (!rows.ok) return;
    const brief = rows.data.map((r) => [r.date, r.siteId, r.category, r.status, r.consignments, r.kg, r.utilisationPercent, r.isOverCapacity]);
    expect(brief).toEqual([
      ['2021-03-01', 'ALPHA', 'grain', 'in_use', 0, 0, null, false],
      ['2021-03-01', 'COMBINED', 'fruit', 'in_use', 2, 12_000, 120, true],
      ['2021-03-02', 'ALPHA', 'grain', 'in_use', 0, 0, null, false],
      ['2021-03-02', 'COMBINED', 'chilled_aquatic', 'in_use', 1, 500, 50, false],
      ['2021-03-02', 'COMBINED', 'fruit', 'in_use', 1, 1000, 25, false],
      ['2021-03-03', 'ALPHA', 'grain', 'in_use', 0, 0, null, false],
      ['2021-03-03', 'COMBINED', 'chilled_aquatic', 'in_use', 0, 0, 0, false],
      ['2021-03-04', 'ALPHA', 'grain', 'in_use', 0, 0, null, false],
      ['2021-03-04', 'COMBINED', 'chilled_aquatic', 'in_use', 0, 0, 0, false],
      ['2021-03-04', 'COMBINED', 'fruit', 'suspended', 1, 1000, 25, false],
    ]);
    expect(rows.data.find((r) => r.date === '2021-03-03' && r.category === 'chilled_aquatic')?.kgPerDay).toBe(2000);
    expect(rows.data[1]?.siteName).toEqual({ zh: '场地COMBINED（COMBINED）', en: 'Site COMBINED (COMBINED)' });
  });

  it('refuses reversed, malformed or over-long periods with a reason', () => {
    const reversed = siteUseRows([combined], list, '2021-03-04', '2021-03-01');
    expect(reversed.ok || reversed.error).toMatchObject({ code: 'validation', field: 'to' });
    expect(siteUseRows([combined], list, '2021-02-30', '2021-03-01').ok).toBe(false);
    expect(siteUseRows([combined], list, '2021-01-01', addDays('2021-01-01', MAX_SITE_USE_DAYS - 1)).ok).toBe(true);
    expect(siteUseRows([combined], list, '2021-01-01', addDays('2021-01-01', MAX_SITE_USE_DAYS)).ok).toBe(false);
  });

  it('series for the chart: one line per site and category, points by date', () => {
    const rows = siteUseRows([combined], list, '2021-03-01', '2021-03-04');
    if (!rows.ok) throw new Error(rows.error.message);
    const series = siteUseSeries(rows.data);
    expect(series.map((s) => [s.siteId, s.category, s.points.map((p) => p.date)])).toEqual([
      ['COMBINED', 'fruit', ['2021-03-01', '2021-03-02', '2021-03-04']],
      ['COMBINED', 'chilled_aquatic', ['2021-03-02', '2021-03-03', '2021-03-04']],
    ]);
    expect(series[0]?.label).toEqual({ zh: '场地COMBINED（COMBINED） · 进境水果', en: 'Site COMBINED (COMBINED) · imported fruit' });
    expect(series[0]?.points[0]?.utilisationPercent).toBe(120);
  });
});

describe('siteUseRows: properties', () => {
  const sites = [combined, other];
  const consignmentArb = fc
    .record({
      siteId: fc.constantFrom('COMBINED', 'ALPHA', 'GONE'),
      category: fc.constantFrom<SiteCategory>('fruit', 'chilled_aquatic', 'grain'),
      minutes: fc.nat(10 * 24 * 60),
      grams: fc.integer({ min: 1, max: 20_000_000 }),
    })
    .map((c) => arrival(c.siteId, c.category, new Date(Date.parse('2021-02-27T00:00:00+08:00') + c.minutes * 60_000).toISOString(), c.grams / 1000));

  it('counts every consignment of a listed site and approved category in the period exactly once', () => {
    fc.assert(
      fc.property(fc.array(consignmentArb, { maxLength: 60 }), fc.nat(5), fc.nat(5), (list, startOffset, length) => {
        const from = addDays('2021-02-27', startOffset);
        const to = addDays(from, length);
        const rows = siteUseRows(sites, list, from, to);
        if (!rows.ok) throw new Error(rows.error.message);
        const counted = list.filter((c) => {
          const date = cstDateOf(new Date(c.arrivedAt));
          const s = sites.find((x) => x.id === c.siteId);
          return date >= from && date <= to && s?.approvals.some((a) => a.category === c.category) === true;
        });
        expect(rows.data.reduce((sum, r) => sum + r.consignments, 0)).toBe(counted.length);
        const grams = (kg: number) => Math.round(kg * 1000);
        expect(rows.data.reduce((sum, r) => sum + grams(r.kg), 0)).toBe(counted.reduce((sum, c) => sum + grams(c.grossKg), 0));
        for (const row of rows.data) {
          const s = sites.find((x) => x.id === row.siteId);
          if (s === undefined) throw new Error('row for an unknown site');
          expect(row.consignments > 0 || isSiteInUseOn(s, row.category, row.date)).toBe(true);
          expect(dayUsage(list, row.siteId, row.category, row.date)).toEqual({ consignments: row.consignments, kg: row.kg });
          const over = (row.consignmentsPerDay !== null && row.consignments > row.consignmentsPerDay) || (row.kgPerDay !== null && grams(row.kg) > grams(row.kgPerDay));
          expect(row.isOverCapacity).toBe(over);
          if (row.utilisationPercent !== null && !over) expect(row.utilisationPercent).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: 500 },
    );
  });
});
