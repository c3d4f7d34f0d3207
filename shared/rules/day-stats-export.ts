import type { CsvCell } from '../import/csv-write';
import type { DayStats } from './day-stats';

/**
 * The day's figures as spreadsheet tables (the same for the desk's and HQ's exports):
 * a summary, value by goods, by market point and the tickets trend. Headers are
 * Chinese then English in one cell; money in yuan as numbers (fen / 100, exact to the fen).
 */
export interface DayTable {
  /** Sheet name (XLSX). */
  name: string;
  rows: CsvCell[][];
}

const yuan = (fen: number) => fen / 100;

export function dayStatsTables(stats: DayStats, portId: string): DayTable[] {
  const summary: CsvCell[][] = [
    ['项目 Item', '数值 Value'],
    ['口岸 Port', portId],
    ['日期 Date', stats.date],
    ['票数 Tickets', stats.declarations],
    ['边民人数 Residents', stats.residents],
    ['总值（元） Total (CNY)', yuan(stats.totalFen)],
    ['免税（元） Exempt (CNY)', yuan(stats.exemptFen)],
    ['应税（元） Taxable (CNY)', yuan(stats.taxableFen)],
    ['已标记 Flagged', stats.flagged],
    ['总部已核 Assessed at HQ', stats.hqAssessed],
  ];
  const goods: CsvCell[][] = [
    ['HS 编码 HS code', '商品 Goods', '票数 Tickets', '货值（元） Value (CNY)', '净重（千克） Net kg', '占比% Share %'],
    ...stats.byGoods.map((g) => [g.hsCode, g.name, g.tickets, yuan(g.valueFen), g.netKg, g.sharePercent]),
  ];
  const points: CsvCell[][] = [
    ['互市点 Point', '名称 Name', '票数 Tickets', '边民人数 Residents', '总值（元） Total (CNY)', '免税（元） Exempt (CNY)', '应税（元） Taxable (CNY)', '已标记 Flagged'],
    ...stats.byPoint.map((p) => [p.pointId, p.name, p.tickets, p.residents, yuan(p.totalFen), yuan(p.exemptFen), yuan(p.taxableFen), p.flagged]),
  ];
  const trend: CsvCell[][] = [['日期 Date', '票数 Tickets'], ...stats.trend.map((t) => [t.date, t.tickets])];
  return [
    { name: '汇总 Summary', rows: summary },
    { name: '按商品 By goods', rows: goods },
    { name: '按互市点 By point', rows: points },
    { name: '趋势 Trend', rows: trend },
  ];
}

/** One CSV for all four tables: each table after a blank row, with its name as a title row. */
export function dayStatsCsvRows(stats: DayStats, portId: string): CsvCell[][] {
  const rows: CsvCell[][] = [];
  for (const table of dayStatsTables(stats, portId)) {
    if (rows.length > 0) rows.push([]);
    rows.push([table.name], ...table.rows);
  }
  return rows;
}

export function dayStatsFileName(portId: string, date: string, extension: 'csv' | 'xlsx'): string {
  return `day-report-${portId}-${date}.${extension}`;
}
