import Dexie from 'dexie';
import { addDays, type DayStats, type DayStatsRecord, dayStats, trendFrom } from '../../../shared/index';
import { type DeskDb, type DeskDeclaration, refusesRecord } from '../db/desk-db';

/** The day's records as the shared aggregation reads them (HQ's amounts are kept beside the desk's). */
export function dayStatsRecordOf(d: DeskDeclaration): DayStatsRecord {
  return {
    id: d.id,
    residentId: d.residentId,
    pointId: d.pointId,
    tradeDate: d.tradeDate,
    lines: d.lines,
    exemptFen: d.exemptFen,
    taxableFen: d.taxableFen,
    hqExemptFen: d.hqExemptFen,
    hqTaxableFen: d.hqTaxableFen,
    isFlagged: d.flags.length > 0,
  };
}

const dayRange = (db: DeskDb, date: string) => db.declarations.where('[tradeDate+declaredAt]').between([date, Dexie.minKey], [date, Dexie.maxKey]);

/**
 * The port's day on this desk (当日统计), read through the [tradeDate+declaredAt] index:
 * the day's records (a day at a port is some 8,000), and for the trend only an index
 * count per earlier day. Records HQ refused to create are left out (HQ holds none of
 * them); records not yet synced count with the desk's own amounts. The earlier days' counts
 * are index counts, so a record HQ refused on such a day still counts there (refusals are
 * rare and a per-day filter would read every record of the week).
 */
export async function deskDayStats(db: DeskDb, portId: string, date: string): Promise<DayStats> {
  return db.transaction('r', db.declarations, db.rejections, db.marketPoints, async () => {
    const from = trendFrom(date);
    const earlier: string[] = [];
    for (let d = from; d < date; d = addDays(d, 1)) earlier.push(d);
    const [records, rejections, points, counts] = await Promise.all([
      dayRange(db, date).toArray(),
      db.rejections.toArray(),
      db.marketPoints.toArray(),
      Promise.all(earlier.map((d) => dayRange(db, d).count())),
    ]);
    const refused = new Set(rejections.filter(refusesRecord).map((r) => r.recordId));
    const ticketsByDate = new Map(earlier.map((d, i) => [d, counts[i] ?? 0]));
    const kept = records.filter((r) => r.portId === portId && !refused.has(r.id)).map(dayStatsRecordOf);
    return dayStats(date, kept, { points: points.filter((p) => p.portId === portId), ticketsByDate });
  });
}
