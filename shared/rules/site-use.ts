import { addDays, cstDateOf, daysBetween, isIsoDate } from '../dates';
import type { ConsignmentDraft } from '../model/consignment';
import { capacityOn, SITE_CATEGORIES, SITE_CATEGORY_LABELS, type Site, type SiteCategory, type SiteStatus, siteLabel } from '../model/site';
import { fail, ok, type Result } from '../result';
import { siteStatusOn } from './site-approval';

/**
 * Site use (场地使用情况): consignments per site, category and CST day against the capacity
 * in force that day, as rows for a table and series for a chart. Every consignment
 * counts, flagged or not: the goods were physically at the site. Weights are summed in
 * whole grams.
 */

export interface DayUsage {
  consignments: number;
  kg: number;
}

export type UsageConsignment = Pick<ConsignmentDraft, 'id' | 'siteId' | 'category' | 'arrivedAt' | 'grossKg'>;

/** What a site took of a category on a CST date, leaving out `excludeId` (the consignment being checked). */
export function dayUsage(consignments: readonly UsageConsignment[], siteId: string, category: SiteCategory, date: string, excludeId: string | null = null): DayUsage {
  let count = 0;
  let grams = 0;
  for (const c of consignments) {
    if (c.id === excludeId || c.siteId !== siteId || c.category !== category || cstDateOf(new Date(c.arrivedAt)) !== date) continue;
    count++;
    grams += Math.round(c.grossKg * 1000);
  }
  return { consignments: count, kg: grams / 1000 };
}

export interface SiteUseRow {
  date: string;
  siteId: string;
  siteName: { zh: string; en: string };
  category: SiteCategory;
  /** The category's status at the site that day. */
  status: SiteStatus;
  consignments: number;
  kg: number;
  consignmentsPerDay: number | null;
  kgPerDay: number | null;
  /** The fuller of the two limits, in percent with one decimal; null without a capacity. */
  utilisationPercent: number | null;
  isOverCapacity: boolean;
}

/** Longest period one table covers: a year. */
export const MAX_SITE_USE_DAYS = 366;

function utilisation(used: DayUsage, consignmentsPerDay: number | null, kgPerDay: number | null): number | null {
  const ratios: number[] = [];
  if (consignmentsPerDay !== null) ratios.push(used.consignments / consignmentsPerDay);
  if (kgPerDay !== null) ratios.push(used.kg / kgPerDay);
  if (ratios.length === 0) return null;
  return Math.round(Math.max(...ratios) * 1000) / 10;
}

/**
 * One row per day from `from` to `to` (CST dates, both included), per site and per
 * category the site has an approval for, when that day the category was in use or
 * took consignments anyway (those the desk or HQ flagged). Sorted by date, site,
 * category. Consignments to sites not in `sites` are left out: the table is of sites.
 */
export function siteUseRows(sites: readonly Site[], consignments: readonly UsageConsignment[], from: string, to: string): Result<SiteUseRow[]> {
  if (!isIsoDate(from) || !isIsoDate(to)) return fail('validation', '日期须为 YYYY-MM-DD / dates in YYYY-MM-DD form', 'from');
  const days = daysBetween(from, to) + 1;
  if (days < 1) return fail('validation', `结束日期 ${to} 早于开始日期 ${from} / the end ${to} is before the start ${from}`, 'to');
  if (days > MAX_SITE_USE_DAYS) return fail('validation', `一次最多统计 ${MAX_SITE_USE_DAYS} 天 / at most ${MAX_SITE_USE_DAYS} days at a time`, 'to');

  const used = new Map<string, { count: number; grams: number }>();
  for (const c of consignments) {
    const date = cstDateOf(new Date(c.arrivedAt));
    if (date < from || date > to) continue;
    const key = `${date} ${c.siteId} ${c.category}`;
    const entry = used.get(key) ?? { count: 0, grams: 0 };
    entry.count++;
    entry.grams += Math.round(c.grossKg * 1000);
    used.set(key, entry);
  }

  const ordered = [...sites].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows: SiteUseRow[] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(from, d);
    for (const site of ordered) {
      const categories = SITE_CATEGORIES.filter((category) => site.approvals.some((a) => a.category === category));
      for (const category of categories) {
        const entry = used.get(`${date} ${site.id} ${category}`);
        const status = siteStatusOn(site, category, date).status;
        if (status !== 'in_use' && entry === undefined) continue;
        const usage: DayUsage = { consignments: entry?.count ?? 0, kg: (entry?.grams ?? 0) / 1000 };
        const capacity = capacityOn(site, category, date);
        const consignmentsPerDay = capacity?.consignmentsPerDay ?? null;
        const kgPerDay = capacity?.kgPerDay ?? null;
        rows.push({
          date,
          siteId: site.id,
          siteName: siteLabel(site),
          category,
          status,
          ...usage,
          consignmentsPerDay,
          kgPerDay,
          utilisationPercent: utilisation(usage, consignmentsPerDay, kgPerDay),
          isOverCapacity:
            (consignmentsPerDay !== null && usage.consignments > consignmentsPerDay) || (kgPerDay !== null && Math.round(usage.kg * 1000) > Math.round(kgPerDay * 1000)),
        });
      }
    }
  }
  return ok(rows);
}

export interface SiteUseSeries {
  siteId: string;
  category: SiteCategory;
  label: { zh: string; en: string };
  /** One point per row of this site and category, by date. */
  points: { date: string; utilisationPercent: number | null; consignments: number; kg: number }[];
}

/** The rows as one line per site and category, for a chart of utilisation over the days. */
export function siteUseSeries(rows: readonly SiteUseRow[]): SiteUseSeries[] {
  const series = new Map<string, SiteUseSeries>();
  for (const row of rows) {
    const key = `${row.siteId} ${row.category}`;
    let line = series.get(key);
    if (line === undefined) {
      const goods = SITE_CATEGORY_LABELS[row.category];
      line = { siteId: row.siteId, category: row.category, label: { zh: `${row.siteName.zh} · ${goods.zh}`, en: `${row.siteName.en} · ${goods.en}` }, points: [] };
      series.set(key, line);
    }
    line.points.push({ date: row.date, utilisationPercent: row.utilisationPercent, consignments: row.consignments, kg: row.kg });
  }
  for (const line of series.values()) line.points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return [...series.values()];
}
