/** The day report's texts, shared by the desk's 当日统计 screen and the console's 日报 tab (each has its own i18n). */
export const DAY_LABELS = {
  tickets: { zh: '票数', en: 'Tickets' },
  residents: { zh: '边民人数', en: 'Residents' },
  total: { zh: '总值', en: 'Total value' },
  exempt: { zh: '免税', en: 'Exempt' },
  taxable: { zh: '应税', en: 'Taxable' },
  flagged: { zh: '已标记', en: 'Flagged' },
  hqAssessed: { zh: '总部已核 {n} 票，其余为本机金额', en: '{n} assessed at HQ, the rest with the desk’s amounts' },
  allAtHq: { zh: '金额均为总部核定', en: 'All amounts as HQ assessed them' },
  byGoods: { zh: '按商品', en: 'By goods' },
  byPoint: { zh: '按互市点', en: 'By market point' },
  trend: { zh: '近 7 日票数', en: 'Tickets, last 7 days' },
  hsCode: { zh: 'HS 编码', en: 'HS code' },
  goods: { zh: '商品', en: 'Goods' },
  value: { zh: '货值', en: 'Value' },
  netKg: { zh: '净重（千克）', en: 'Net kg' },
  share: { zh: '占比', en: 'Share' },
  point: { zh: '互市点', en: 'Point' },
  date: { zh: '日期', en: 'Date' },
  none: { zh: '当日无申报', en: 'No declarations that day' },
  exportCsv: { zh: '导出 CSV', en: 'Export CSV' },
  exportXlsx: { zh: '导出 XLSX', en: 'Export XLSX' },
  valueByGoodsChart: { zh: '按商品货值图', en: 'Value by goods (chart)' },
  valueByPointChart: { zh: '按互市点总值图', en: 'Value by point (chart)' },
} as const;

export type DayLabel = keyof typeof DAY_LABELS;
export type DayLang = 'zh' | 'en';

export function dayLabel(lang: DayLang, key: DayLabel, params: Record<string, string | number> = {}): string {
  return DAY_LABELS[key][lang].replace(/\{(\w+)\}/g, (match, name: string) => String(params[name] ?? match));
}
