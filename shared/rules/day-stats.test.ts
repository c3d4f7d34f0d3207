import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../import/csv-write';
import { parseCsv } from '../import/csv';
import { assembleDayStats, type DayStatsRecord, dayStats, trendFrom } from './day-stats';
import { dayStatsCsvRows, dayStatsFileName, dayStatsTables } from './day-stats-export';

const DATE = '2026-12-07';
let n = 0;
function record(over: Partial<DayStatsRecord> = {}): DayStatsRecord {
  n += 1;
  return {
    id: `d${n}`,
    residentId: 'r1',
    pointId: 'DX-01',
    tradeDate: DATE,
    lines: [{ hsCode: '0803', name: '香蕉', valueFen: 100_000, netKg: 100 }],
    exemptFen: 100_000,
    taxableFen: 0,
    hqExemptFen: null,
    hqTaxableFen: null,
    isFlagged: false,
    ...over,
  };
}
const POINTS = [
  { id: 'DX-01', name: '东兴互市贸易区', nameEn: 'Dongxing Mutual-Market Zone' },
  { id: 'DX-02', name: '北仑河互市点', nameEn: 'Beilun River Market Point' },
];

describe('dayStats', () => {
  it('counts tickets, distinct residents, flagged, and sums the amounts', () => {
    const stats = dayStats(DATE, [
      record(),
      record({ residentId: 'r2', isFlagged: true }),
      record({ residentId: 'r1', exemptFen: 700_000, taxableFen: 50_000, lines: [{ hsCode: '0803', name: '香蕉', valueFen: 750_000, netKg: 700 }] }),
    ]);
    expect(stats).toMatchObject({ date: DATE, declarations: 3, residents: 2, flagged: 1, hqAssessed: 0 });
    expect(stats).toMatchObject({ exemptFen: 900_000, taxableFen: 50_000, totalFen: 950_000 });
  });

  it("takes HQ's amounts where HQ assessed the record, the desk's elsewhere, and says how many were HQ's", () => {
    const stats = dayStats(DATE, [
      record({ exemptFen: 100_000, taxableFen: 0, hqExemptFen: 60_000, hqTaxableFen: 40_000 }),
      record({ exemptFen: 30_000, taxableFen: 5_000 }),
    ]);
    expect(stats).toMatchObject({ exemptFen: 90_000, taxableFen: 45_000, totalFen: 135_000, hqAssessed: 1 });
  });

  it('leaves out records of another trade date', () => {
    const stats = dayStats(DATE, [record(), record({ tradeDate: '2026-12-06' })]);
    expect(stats.declarations).toBe(1);
  });

  it('groups value by HS code and name, counts a ticket once per goods, sorts by value', () => {
    const stats = dayStats(DATE, [
      record({
        lines: [
          { hsCode: '0803', name: '香蕉', valueFen: 10_000, netKg: 10.5 },
          { hsCode: '0803', name: '香蕉', valueFen: 5_000, netKg: 0.25 },
          { hsCode: '0810', name: '火龙果', valueFen: 40_000, netKg: 20 },
        ],
      }),
      record({ lines: [{ hsCode: '0803', name: '香蕉', valueFen: 10_000, netKg: 10 }] }),
      record({ lines: [{ hsCode: '0803', name: '芭蕉', valueFen: 1, netKg: 0.001 }] }),
    ]);
    expect(stats.byGoods).toEqual([
      { hsCode: '0810', name: '火龙果', tickets: 1, valueFen: 40_000, netKg: 20, sharePercent: 61.5 },
      { hsCode: '0803', name: '香蕉', tickets: 2, valueFen: 25_000, netKg: 20.75, sharePercent: 38.5 },
      { hsCode: '0803', name: '芭蕉', tickets: 1, valueFen: 1, netKg: 0.001, sharePercent: 0 },
    ]);
  });

  it('groups by market point with residents per point and the names of known points', () => {
    const stats = dayStats(
      DATE,
      [
        record({ pointId: 'DX-02', residentId: 'r1' }),
        record({ pointId: 'DX-01', residentId: 'r1', isFlagged: true }),
        record({ pointId: 'DX-01', residentId: 'r2', hqExemptFen: 80_000, hqTaxableFen: 20_000 }),
        record({ pointId: 'ZZ-09', residentId: 'r3' }),
      ],
      { points: POINTS },
    );
    expect(stats.residents).toBe(3);
    expect(stats.byPoint).toEqual([
      { pointId: 'DX-01', name: '东兴互市贸易区', nameEn: 'Dongxing Mutual-Market Zone', tickets: 2, residents: 2, totalFen: 200_000, exemptFen: 180_000, taxableFen: 20_000, flagged: 1 },
      { pointId: 'DX-02', name: '北仑河互市点', nameEn: 'Beilun River Market Point', tickets: 1, residents: 1, totalFen: 100_000, exemptFen: 100_000, taxableFen: 0, flagged: 0 },
      { pointId: 'ZZ-09', name: 'ZZ-09', nameEn: 'ZZ-09', tickets: 1, residents: 1, totalFen: 100_000, exemptFen: 100_000, taxableFen: 0, flagged: 0 },
    ]);
  });

  it('an empty day is all zeros with a full trend', () => {
    const stats = dayStats(DATE, []);
    expect(stats).toMatchObject({ declarations: 0, residents: 0, totalFen: 0, flagged: 0, byGoods: [], byPoint: [] });
    expect(stats.trend.map((t) => t.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', DATE]);
    expect(stats.trend.every((t) => t.tickets === 0)).toBe(true);
  });

  it('fills the trend from earlier days counted elsewhere, ignoring days outside it, the day itself from its records', () => {
    const ticketsByDate = new Map([
      ['2026-11-30', 99],
      ['2026-12-01', 4],
      ['2026-12-05', 2],
      [DATE, 1234],
    ]);
    const stats = dayStats(DATE, [record(), record()], { ticketsByDate });
    expect(stats.trend).toEqual([
      { date: '2026-12-01', tickets: 4 },
      { date: '2026-12-02', tickets: 0 },
      { date: '2026-12-03', tickets: 0 },
      { date: '2026-12-04', tickets: 0 },
      { date: '2026-12-05', tickets: 2 },
      { date: '2026-12-06', tickets: 0 },
      { date: DATE, tickets: 2 },
    ]);
    expect(dayStats(DATE, [], { trendDays: 1 }).trend).toEqual([{ date: DATE, tickets: 0 }]);
  });

  it('refuses a date that is not one', () => {
    expect(() => dayStats('2026-02-30', [])).toThrow(RangeError);
  });

  it('totals always equal the sums by point, and goods value the sum of line values (any records)', () => {
    const line = fc.record({ hsCode: fc.constantFrom('0803', '0810', '1006'), name: fc.constantFrom('香蕉', '米'), valueFen: fc.nat(1_000_000), netKg: fc.nat(1000) });
    const anyRecord = fc.record({
      residentId: fc.constantFrom('a', 'b', 'c', 'd'),
      pointId: fc.constantFrom('DX-01', 'DX-02'),
      lines: fc.array(line, { minLength: 1, maxLength: 4 }),
      exemptFen: fc.nat(800_000),
      taxableFen: fc.nat(800_000),
      isHq: fc.boolean(),
      isFlagged: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(anyRecord, { maxLength: 30 }), (inputs) => {
        const records = inputs.map((r, i) => ({
          id: `x${i}`,
          tradeDate: DATE,
          residentId: r.residentId,
          pointId: r.pointId,
          lines: r.lines,
          exemptFen: r.exemptFen,
          taxableFen: r.taxableFen,
          hqExemptFen: r.isHq ? r.taxableFen : null,
          hqTaxableFen: r.isHq ? r.exemptFen : null,
          isFlagged: r.isFlagged,
        }));
        const stats = dayStats(DATE, records);
        const sum = (f: (p: (typeof stats.byPoint)[number]) => number) => stats.byPoint.reduce((s, p) => s + f(p), 0);
        expect(sum((p) => p.tickets)).toBe(stats.declarations);
        expect(sum((p) => p.totalFen)).toBe(stats.totalFen);
        expect(sum((p) => p.flagged)).toBe(stats.flagged);
        expect(stats.totalFen).toBe(stats.exemptFen + stats.taxableFen);
        expect(stats.byGoods.reduce((s, g) => s + g.valueFen, 0)).toBe(records.flatMap((r) => r.lines).reduce((s, l) => s + l.valueFen, 0));
        expect(stats.residents).toBe(new Set(records.map((r) => r.residentId)).size);
      }),
    );
  });
});

describe('assembleDayStats (what HQ finishes its SQL parts with)', () => {
  it('gives the same result as the desk for the same records', () => {
    const records = [record({ pointId: 'DX-02' }), record({ residentId: 'r9', lines: [{ hsCode: '0810', name: '火龙果', valueFen: 5, netKg: 1 }] })];
    const desk = dayStats(DATE, records, { points: POINTS, ticketsByDate: new Map([['2026-12-03', 7]]) });
    const hq = assembleDayStats(
      {
        date: DATE,
        totals: { declarations: 2, residents: 2, totalFen: 200_000, exemptFen: 200_000, taxableFen: 0, flagged: 0, hqAssessed: 0 },
        goods: [
          { hsCode: '0810', name: '火龙果', tickets: 1, valueFen: 5, netKg: 1 },
          { hsCode: '0803', name: '香蕉', tickets: 1, valueFen: 100_000, netKg: 100 },
        ],
        points: [
          { pointId: 'DX-02', tickets: 1, residents: 1, totalFen: 100_000, exemptFen: 100_000, taxableFen: 0, flagged: 0 },
          { pointId: 'DX-01', tickets: 1, residents: 1, totalFen: 100_000, exemptFen: 100_000, taxableFen: 0, flagged: 0 },
        ],
        trend: [
          { date: '2026-12-03', tickets: 7 },
          { date: DATE, tickets: 2 },
        ],
        trendFrom: trendFrom(DATE),
      },
      POINTS,
    );
    expect(hq).toEqual(desk);
  });

  it('trend days start DAY_TREND_DAYS - 1 before the date, across a month end', () => {
    expect(trendFrom('2026-03-02')).toBe('2026-02-24');
    expect(trendFrom('2026-03-02', 3)).toBe('2026-02-28');
  });
});

describe('dayStatsTables and CSV', () => {
  const stats = dayStats(DATE, [record({ lines: [{ hsCode: '0803', name: '香蕉, 越南 "A"', valueFen: 123_456, netKg: 12.5 }], exemptFen: 123_456 })], {
    points: POINTS,
  });

  it('has a summary, goods, point and trend table, money in yuan', () => {
    const tables = dayStatsTables(stats, 'DONGXING');
    expect(tables.map((t) => t.name)).toEqual(['汇总 Summary', '按商品 By goods', '按互市点 By point', '趋势 Trend']);
    expect(tables[0]?.rows).toContainEqual(['总值（元） Total (CNY)', 1234.56]);
    expect(tables[1]?.rows[1]).toEqual(['0803', '香蕉, 越南 "A"', 1, 1234.56, 12.5, 100]);
    expect(tables[2]?.rows[1]).toEqual(['DX-01', '东兴互市贸易区', 1, 1, 1234.56, 1234.56, 0, 0]);
    expect(tables[3]?.rows).toHaveLength(8);
  });

  it('the CSV reads back with the goods row whole (quoted comma and quotes)', () => {
    const parsed = parseCsv(writeCsv(dayStatsCsvRows(stats, 'DONGXING')));
    const fields = parsed.records.map((r) => r.fields);
    expect(fields[0]).toEqual(['汇总 Summary']);
    expect(fields).toContainEqual(['0803', '香蕉, 越南 "A"', '1', '1234.56', '12.5', '100']);
    expect(fields).toContainEqual(['票数 Tickets', '1']);
  });

  it('names the file by port and date', () => {
    expect(dayStatsFileName('DONGXING', DATE, 'xlsx')).toBe('day-report-DONGXING-2026-12-07.xlsx');
  });
});
