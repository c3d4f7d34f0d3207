import { addDays, isIsoDate } from '../dates';
import type { Fen } from '../money';

/**
 * The day at a port (当日统计): tickets (declarations, 票), distinct residents, value,
 * by goods and by market point. HQ computes the parts with SQL aggregation, the desk
 * from the declarations it holds; both finish them with `assembleDayStats`, so the two
 * show the same figures in the same order.
 *
 * Amounts: a declaration's exempt and taxable parts are HQ's where HQ assessed it, else
 * the desk's own (`hqAssessed` says how many were HQ's). Value by goods is the sum of the
 * declared line values (HQ assesses a declaration, not its lines).
 */
export interface DayGoodsRow {
  hsCode: string;
  name: string;
  /** Declarations with at least one line of these goods. */
  tickets: number;
  valueFen: Fen;
  /** Net weight in kg, to 3 decimals. */
  netKg: number;
  /** Share of the day's goods value, in percent to 1 decimal. */
  sharePercent: number;
}

export interface DayPointRow {
  pointId: string;
  name: string;
  nameEn: string;
  tickets: number;
  residents: number;
  totalFen: Fen;
  exemptFen: Fen;
  taxableFen: Fen;
  flagged: number;
}

export interface DayTrendRow {
  date: string;
  tickets: number;
}

export interface DayTotals {
  declarations: number;
  residents: number;
  totalFen: Fen;
  exemptFen: Fen;
  taxableFen: Fen;
  flagged: number;
  /** Declarations whose amounts are HQ's assessment (the rest: the desk's). */
  hqAssessed: number;
}

export interface DayStats extends DayTotals {
  date: string;
  byGoods: DayGoodsRow[];
  byPoint: DayPointRow[];
  /** Tickets per day over the days up to `date` (oldest first), every day present. */
  trend: DayTrendRow[];
}

/** What an aggregation (SQL or the desk's loop) yields before it is finished. */
export interface DayStatsParts {
  date: string;
  totals: DayTotals;
  goods: readonly Omit<DayGoodsRow, 'sharePercent'>[];
  points: readonly Omit<DayPointRow, 'name' | 'nameEn'>[];
  trend: readonly DayTrendRow[];
  trendFrom: string;
}

export interface PointName {
  id: string;
  name: string;
  nameEn: string;
}

/** Days in the trend, the report's date included. */
export const DAY_TREND_DAYS = 7;

export function trendFrom(date: string, days = DAY_TREND_DAYS): string {
  return addDays(date, -(days - 1));
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Finishes the parts: goods by value (highest first, then HS code and name), each with its
 * share; points in id order with their names (the id where the point is unknown); the
 * trend with a zero for every day without tickets.
 */
export function assembleDayStats(parts: DayStatsParts, points: readonly PointName[] = []): DayStats {
  const goodsValue = parts.goods.reduce((sum, g) => sum + g.valueFen, 0);
  const byGoods = parts.goods
    .map((g) => ({ ...g, netKg: round3(g.netKg), sharePercent: goodsValue === 0 ? 0 : round1((g.valueFen * 100) / goodsValue) }))
    .sort((a, b) => b.valueFen - a.valueFen || a.hsCode.localeCompare(b.hsCode) || a.name.localeCompare(b.name));
  const names = new Map(points.map((p) => [p.id, p]));
  const byPoint = parts.points
    .map((p) => ({ ...p, name: names.get(p.pointId)?.name ?? p.pointId, nameEn: names.get(p.pointId)?.nameEn ?? p.pointId }))
    .sort((a, b) => a.pointId.localeCompare(b.pointId));
  const ticketsOn = new Map(parts.trend.map((t) => [t.date, t.tickets]));
  const trend: DayTrendRow[] = [];
  for (let date = parts.trendFrom; date <= parts.date; date = addDays(date, 1)) trend.push({ date, tickets: ticketsOn.get(date) ?? 0 });
  return { date: parts.date, ...parts.totals, byGoods, byPoint, trend };
}

/** One declaration as the aggregation needs it (a desk record or HQ's row). */
export interface DayStatsRecord {
  id: string;
  residentId: string;
  pointId: string;
  tradeDate: string;
  lines: readonly { hsCode: string; name: string; valueFen: Fen; netKg: number }[];
  exemptFen: Fen;
  taxableFen: Fen;
  hqExemptFen: Fen | null;
  hqTaxableFen: Fen | null;
  isFlagged: boolean;
}

/**
 * The desk's aggregation: the day's records (`records`, all of trade date `date`) and
 * tickets per earlier day (`ticketsByDate`, counted from an index), finished like HQ's.
 */
export function dayStats(
  date: string,
  records: Iterable<DayStatsRecord>,
  options: { points?: readonly PointName[]; ticketsByDate?: ReadonlyMap<string, number>; trendDays?: number } = {},
): DayStats {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  const totals: DayTotals = { declarations: 0, residents: 0, totalFen: 0, exemptFen: 0, taxableFen: 0, flagged: 0, hqAssessed: 0 };
  const residents = new Set<string>();
  const goods = new Map<string, Omit<DayGoodsRow, 'sharePercent'>>();
  const points = new Map<string, Omit<DayPointRow, 'name' | 'nameEn'> & { residentIds: Set<string> }>();
  for (const record of records) {
    if (record.tradeDate !== date) continue;
    const isHq = record.hqExemptFen !== null && record.hqTaxableFen !== null;
    const exempt = isHq ? (record.hqExemptFen ?? 0) : record.exemptFen;
    const taxable = isHq ? (record.hqTaxableFen ?? 0) : record.taxableFen;
    totals.declarations += 1;
    totals.exemptFen += exempt;
    totals.taxableFen += taxable;
    totals.totalFen += exempt + taxable;
    if (record.isFlagged) totals.flagged += 1;
    if (isHq) totals.hqAssessed += 1;
    residents.add(record.residentId);
    let point = points.get(record.pointId);
    if (point === undefined) {
      point = { pointId: record.pointId, tickets: 0, residents: 0, totalFen: 0, exemptFen: 0, taxableFen: 0, flagged: 0, residentIds: new Set() };
      points.set(record.pointId, point);
    }
    point.tickets += 1;
    point.exemptFen += exempt;
    point.taxableFen += taxable;
    point.totalFen += exempt + taxable;
    if (record.isFlagged) point.flagged += 1;
    point.residentIds.add(record.residentId);
    const seen = new Set<string>();
    for (const line of record.lines) {
      const key = `${line.hsCode}\u0000${line.name}`;
      let row = goods.get(key);
      if (row === undefined) {
        row = { hsCode: line.hsCode, name: line.name, tickets: 0, valueFen: 0, netKg: 0 };
        goods.set(key, row);
      }
      row.valueFen += line.valueFen;
      row.netKg += line.netKg;
      if (!seen.has(key)) {
        seen.add(key);
        row.tickets += 1;
      }
    }
  }
  totals.residents = residents.size;
  const from = trendFrom(date, options.trendDays);
  const trend: DayTrendRow[] = [...(options.ticketsByDate ?? new Map<string, number>())]
    .filter(([d]) => d >= from && d < date)
    .map(([d, tickets]) => ({ date: d, tickets }));
  trend.push({ date, tickets: totals.declarations });
  return assembleDayStats(
    {
      date,
      totals,
      goods: [...goods.values()],
      points: [...points.values()].map(({ residentIds, ...p }) => ({ ...p, residents: residentIds.size })),
      trend,
      trendFrom: from,
    },
    options.points,
  );
}
