import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, type DeclarationDraft, parseCsv } from '../../../shared/index';
import { DeskDb, type DeskDeclaration, deskDbName } from '../db/desk-db';
import * as demo from '../testing/demo-data';
import { DayReportView } from './components/DayReportView';
import { deskDayStats } from './day-queries';
import { dayCsvFile, dayXlsxFile } from './day-export';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

async function openDb(): Promise<DeskDb> {
  const name = deskDbName('DONGXING', `d${crypto.randomUUID().slice(0, 8)}`);
  names.push(name);
  const db = new DeskDb(name);
  await db.open();
  await db.marketPoints.bulkPut([
    { id: 'DX-01', portId: 'DONGXING', name: '东兴互市贸易区', nameEn: 'Dongxing Mutual-Market Zone' },
    { id: 'DX-02', portId: 'DONGXING', name: '北仑河互市点', nameEn: 'Beilun River Market Point' },
  ]);
  return db;
}

const DAY = '2026-12-07';
function stored(draft: DeclarationDraft, hq: Partial<DeskDeclaration> = {}): DeskDeclaration {
  return { ...draft, status: 'declared', hqExemptFen: null, hqTaxableFen: null, hqReceivedAt: null, flags: [], version: 1, edits: {}, ...hq };
}
const at = (date: string, n: number) => `${addDays(date, -1)}T${String(16 + (n % 8)).padStart(2, '0')}:00:0${n % 10}.000Z`;

describe('deskDayStats', () => {
  it("counts the day's tickets, residents, value by goods and point; HQ's amounts where HQ assessed; refused records left out", async () => {
    const db = await openDb();
    const [r1, r2, r3] = [demo.resident(1), demo.resident(2), demo.resident(3)];
    const refusedId = crypto.randomUUID();
    await db.declarations.bulkPut([
      stored(demo.draft(r1, 100_000, { tradeDate: DAY, declaredAt: at(DAY, 1) }), { hqExemptFen: 90_000, hqTaxableFen: 10_000, hqReceivedAt: at(DAY, 2) }),
      stored(demo.draft(r1, 50_000, { tradeDate: DAY, declaredAt: at(DAY, 3), pointId: 'DX-02' })),
      stored(demo.draft(r2, 900_000, { tradeDate: DAY, declaredAt: at(DAY, 4) }), {
        flags: [{ code: 'goods_list_changed', message: '清单已变更', messageEn: 'list changed', at: at(DAY, 5) }],
      }),
      stored(demo.draft(r3, 70_000, { id: refusedId, tradeDate: DAY, declaredAt: at(DAY, 6) })),
      stored(demo.draft(r3, 30_000, { tradeDate: addDays(DAY, -1), declaredAt: at(addDays(DAY, -1), 1) })),
      stored(demo.draft(r3, 30_000, { tradeDate: addDays(DAY, -3), declaredAt: at(addDays(DAY, -3), 1) })),
      stored(demo.draft(r3, 30_000, { tradeDate: addDays(DAY, -3), declaredAt: at(addDays(DAY, -3), 2) })),
      stored(demo.draft(r3, 30_000, { tradeDate: addDays(DAY, 1), declaredAt: at(addDays(DAY, 1), 1) })),
    ]);
    await db.rejections.put({ mutationId: crypto.randomUUID(), type: 'declaration.create', recordId: refusedId, code: 'resident_inactive', message: '…', field: null, at: at(DAY, 7) });

    const stats = await deskDayStats(db, 'DONGXING', DAY);
    expect(stats).toMatchObject({ date: DAY, declarations: 3, residents: 2, flagged: 1, hqAssessed: 1 });
    // HQ's 900 + 100 yuan for the first; the desk's own for the other two (900 yuan of r2 taxable above 8,000).
    expect(stats).toMatchObject({ exemptFen: 90_000 + 50_000 + 800_000, taxableFen: 10_000 + 100_000, totalFen: 1_050_000 });
    expect(stats.byGoods).toEqual([{ hsCode: '0801', name: '坚果', tickets: 3, valueFen: 1_050_000, netKg: 30, sharePercent: 100 }]);
    expect(stats.byPoint.map((p) => [p.pointId, p.name, p.tickets, p.residents, p.totalFen])).toEqual([
      ['DX-01', '东兴互市贸易区', 2, 2, 1_000_000],
      ['DX-02', '北仑河互市点', 1, 1, 50_000],
    ]);
    expect(stats.trend.slice(-4)).toEqual([
      { date: addDays(DAY, -3), tickets: 2 },
      { date: addDays(DAY, -2), tickets: 0 },
      { date: addDays(DAY, -1), tickets: 1 },
      { date: DAY, tickets: 3 },
    ]);
    db.close();
  });

  it('reads through the [tradeDate+declaredAt] index, never the whole table', async () => {
    const db = await openDb();
    await db.declarations.put(stored(demo.draft(demo.resident(1), 10_000, { tradeDate: DAY, declaredAt: at(DAY, 1) })));
    const where = vi.spyOn(db.declarations, 'where');
    const whole = vi.spyOn(db.declarations, 'toArray');
    const scan = vi.spyOn(db.declarations, 'toCollection');
    const filter = vi.spyOn(db.declarations, 'filter');
    expect((await deskDayStats(db, 'DONGXING', DAY)).declarations).toBe(1);
    expect(where).toHaveBeenCalled();
    expect(new Set(where.mock.calls.map((c) => c[0]))).toEqual(new Set(['[tradeDate+declaredAt]']));
    expect(whole).not.toHaveBeenCalled();
    expect(scan).not.toHaveBeenCalled();
    expect(filter).not.toHaveBeenCalled();
    db.close();
  });

  it('renders tables and charts, and exports CSV with the rows and XLSX', async () => {
    const db = await openDb();
    await db.declarations.put(stored(demo.draft(demo.resident(1), 12_345, { tradeDate: DAY, declaredAt: at(DAY, 1), pointId: 'DX-02' })));
    const stats = await deskDayStats(db, 'DONGXING', DAY);
    const html = renderToStaticMarkup(<DayReportView stats={stats} portId="DONGXING" lang="zh" />);
    for (const id of ['day-goods-table', 'day-goods-chart', 'day-point-table', 'day-point-chart', 'day-trend-chart']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('北仑河互市点');
    // Not yet assessed at HQ: the view says the amounts are the desk's.
    expect(html).toContain('总部已核 0 票，其余为本机金额');
    const empty = renderToStaticMarkup(<DayReportView stats={await deskDayStats(db, 'DONGXING', addDays(DAY, -1))} portId="DONGXING" lang="en" />);
    expect(empty).toContain('No declarations that day');
    expect(empty).not.toContain('day-source');
    expect(empty).not.toContain('day-goods-chart"');
    const csv = dayCsvFile(stats, 'DONGXING');
    expect(csv.name).toBe(`day-report-DONGXING-${DAY}.csv`);
    const fields = parseCsv(String(csv.content)).records.map((r) => r.fields);
    expect(fields).toContainEqual(['0801', '坚果', '1', '123.45', '10', '100']);
    expect(fields).toContainEqual(['DX-02', '北仑河互市点', '1', '1', '123.45', '123.45', '0', '0']);
    const xlsx = dayXlsxFile(stats, 'DONGXING');
    expect(xlsx.content instanceof Uint8Array && xlsx.content[0] === 0x50 && xlsx.content[1] === 0x4b).toBe(true);
    db.close();
  });
});
