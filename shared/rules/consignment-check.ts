import { cstDateOf, daysBetween } from '../dates';
import type { ConsignmentDraft, ConsignmentFlag, ConsignmentFlagCode } from '../model/consignment';
import { capacityOn, SITE_CATEGORY_LABELS, SITE_STATUS_LABELS, type Site, type SiteCategory, type SiteStatus, siteLabel } from '../model/site';
import { fail, ok, type Result } from '../result';
import { TRADE_DATE_FUTURE_DAYS, TRADE_DATE_PAST_DAYS } from './declaration-check';
import { siteStatusOn } from './site-approval';
import type { DayUsage } from './site-use';

/**
 * Which designated site a consignment may go to (DOMAIN §2: "goods of a category may go
 * only to a site approved and in use for that category"). The desk refuses offline with
 * the reason; HQ re-checks against its own, newer copy of the site and FLAGS a
 * consignment the desk accepted when the site was meanwhile suspended or revoked for
 * that day — the goods are at the yard, so the record is kept, never dropped.
 *
 * Capacity is a warning, never a refusal, on either side: DOMAIN gives a site a
 * capacity but makes only approval and use a condition of sending goods there, and a
 * truck already standing at the yard does not leave because a number was reached. The
 * officer sees the warning; the site-use table (rules/site-use.ts) shows every day over.
 */

export type SiteRefusal =
  | { reason: 'unknown_site'; siteId: string }
  | { reason: 'other_port'; site: Site }
  /** The category's status on the arrival date is not `in_use`. */
  | { reason: 'not_approved' | 'not_in_use' | 'suspended' | 'revoked'; site: Site; status: SiteStatus; since: string | null };

type StatusReason = Extract<SiteRefusal, { status: SiteStatus }>['reason'];

const REASON_OF_STATUS: Record<Exclude<SiteStatus, 'in_use'>, StatusReason> = {
  none: 'not_approved',
  project_approved: 'not_approved',
  regional_reviewed: 'not_approved',
  gacc_approved: 'not_in_use',
  under_construction: 'not_in_use',
  awaiting_acceptance: 'not_in_use',
  rectifying: 'not_in_use',
  suspended: 'suspended',
  revoked: 'revoked',
};

export type SiteCheckInput = Pick<ConsignmentDraft, 'portId' | 'siteId' | 'category' | 'arrivedAt'>;

/** Why the consignment may not go to `site` on its arrival date (CST), or null when it may. */
export function siteRefusal(consignment: SiteCheckInput, site: Site | null): SiteRefusal | null {
  if (site === null || site.id !== consignment.siteId) return { reason: 'unknown_site', siteId: consignment.siteId };
  if (site.portId !== consignment.portId) return { reason: 'other_port', site };
  const { status, since } = siteStatusOn(site, consignment.category, cstDateOf(new Date(consignment.arrivedAt)));
  if (status === 'in_use') return null;
  return { reason: REASON_OF_STATUS[status], site, status, since };
}

/** The refusal in words, naming the site, the category and since when. */
export function describeSiteRefusal(refusal: SiteRefusal, category: SiteCategory, portId: string): { zh: string; en: string } {
  const goods = SITE_CATEGORY_LABELS[category];
  if (refusal.reason === 'unknown_site') {
    return { zh: `找不到指定监管场地 ${refusal.siteId}，请先同步`, en: `designated site ${refusal.siteId} is unknown: sync first` };
  }
  const site = siteLabel(refusal.site);
  if (refusal.reason === 'other_port') {
    return { zh: `场地${site.zh}属于 ${refusal.site.portId} 口岸，不属于 ${portId}`, en: `site ${site.en} belongs to port ${refusal.site.portId}, not ${portId}` };
  }
  const status = SITE_STATUS_LABELS[refusal.status];
  const since = refusal.since ?? '';
  switch (refusal.reason) {
    case 'not_approved':
      return refusal.status === 'none'
        ? { zh: `场地${site.zh}未获批用于${goods.zh}`, en: `site ${site.en} is not approved for ${goods.en}` }
        : { zh: `场地${site.zh}的${goods.zh}资质尚在审批中（${status.zh}，${since}）`, en: `site ${site.en} is not yet approved for ${goods.en} (${status.en} on ${since})` };
    case 'not_in_use':
      return { zh: `场地${site.zh}的${goods.zh}资质尚未启用（${status.zh}，自 ${since} 起）`, en: `site ${site.en} is not yet in use for ${goods.en} (${status.en} since ${since})` };
    case 'suspended':
      return { zh: `场地${site.zh}的${goods.zh}资质自 ${since} 起暂停使用`, en: `site ${site.en} is suspended for ${goods.en} since ${since}` };
    case 'revoked':
      return { zh: `场地${site.zh}的${goods.zh}资质已于 ${since} 撤销`, en: `site ${site.en} had its approval for ${goods.en} revoked on ${since}` };
  }
}

export interface CapacityWarning {
  code: 'over_capacity';
  /** Which limit the consignment goes over. */
  limit: 'consignments' | 'kg';
  capacity: number;
  /** Taken that day before this consignment. */
  usedBefore: number;
  /** With this consignment. */
  usedAfter: number;
  zh: string;
  en: string;
}

/** The limits of the day's capacity that this consignment takes the site over. */
export function capacityWarnings(consignment: Pick<ConsignmentDraft, 'category' | 'grossKg' | 'arrivedAt'>, site: Site, usedBefore: DayUsage): CapacityWarning[] {
  const date = cstDateOf(new Date(consignment.arrivedAt));
  const capacity = capacityOn(site, consignment.category, date);
  if (capacity === null) return [];
  const goods = SITE_CATEGORY_LABELS[consignment.category];
  const warnings: CapacityWarning[] = [];
  const { consignmentsPerDay, kgPerDay } = capacity;
  if (consignmentsPerDay !== null && usedBefore.consignments + 1 > consignmentsPerDay) {
    const after = usedBefore.consignments + 1;
    warnings.push({
      code: 'over_capacity',
      limit: 'consignments',
      capacity: consignmentsPerDay,
      usedBefore: usedBefore.consignments,
      usedAfter: after,
      zh: `${date} ${goods.zh}已接收 ${usedBefore.consignments} 票，本票为第 ${after} 票，超出日处理能力 ${consignmentsPerDay} 票`,
      en: `${usedBefore.consignments} consignments of ${goods.en} already taken on ${date}; this is number ${after}, over the daily capacity of ${consignmentsPerDay}`,
    });
  }
  // Whole grams, so that a load exactly at the capacity is not over it through rounding.
  const afterGrams = Math.round(usedBefore.kg * 1000) + Math.round(consignment.grossKg * 1000);
  if (kgPerDay !== null && afterGrams > Math.round(kgPerDay * 1000)) {
    const after = afterGrams / 1000;
    warnings.push({
      code: 'over_capacity',
      limit: 'kg',
      capacity: kgPerDay,
      usedBefore: usedBefore.kg,
      usedAfter: after,
      zh: `${date} ${goods.zh}已接收 ${usedBefore.kg} 千克，加上本票共 ${after} 千克，超出日处理能力 ${kgPerDay} 千克`,
      en: `${usedBefore.kg} kg of ${goods.en} already taken on ${date}; with this consignment ${after} kg, over the daily capacity of ${kgPerDay} kg`,
    });
  }
  return warnings;
}

export interface ConsignmentContext {
  /** The site the consignment names, as this side holds it (null when unknown here). */
  site: Site | null;
  /** What the site took of this category on the arrival date, this consignment excluded (`dayUsage`). */
  usedThatDay: DayUsage;
}

export interface ConsignmentCheck {
  /** The CST date of arrival, which the site's status was read on. */
  arrivalDate: string;
  warnings: CapacityWarning[];
}

/**
 * The desk's check before it saves a consignment: refuses a site that may not take the
 * goods that day (field `siteId`; `not_found` for a site the desk does not know), and
 * warns when the day's capacity is reached.
 */
export function checkConsignment(consignment: ConsignmentDraft, context: ConsignmentContext): Result<ConsignmentCheck> {
  const { site } = context;
  if (site === null) return refuseConsignment({ reason: 'unknown_site', siteId: consignment.siteId }, consignment);
  const refusal = siteRefusal(consignment, site);
  if (refusal !== null) return refuseConsignment(refusal, consignment);
  return ok({ arrivalDate: cstDateOf(new Date(consignment.arrivedAt)), warnings: capacityWarnings(consignment, site, context.usedThatDay) });
}

function refuseConsignment(refusal: SiteRefusal, consignment: ConsignmentDraft): Result<ConsignmentCheck> {
  const text = describeSiteRefusal(refusal, consignment.category, consignment.portId);
  return fail(refusal.reason === 'unknown_site' ? 'not_found' : 'validation', `${text.zh}，不能接收该批货物 / ${text.en}: it cannot take this consignment`, 'siteId');
}

export interface ConsignmentHqAssessment {
  flags: ConsignmentFlag[];
  warnings: CapacityWarning[];
  /** The site record's version HQ judged by. */
  siteVersion: number;
}

const FLAG_OF_REASON: Record<StatusReason, ConsignmentFlagCode> = {
  not_approved: 'site_not_approved',
  not_in_use: 'site_not_in_use',
  suspended: 'site_suspended',
  revoked: 'site_revoked',
};

/** How far an arrival date may sit from HQ's own day before it is flagged: as trade dates. */
export const ARRIVAL_DATE_PAST_DAYS = TRADE_DATE_PAST_DAYS;
export const ARRIVAL_DATE_FUTURE_DAYS = TRADE_DATE_FUTURE_DAYS;

/**
 * HQ's authoritative re-check. A consignment HQ cannot attach to a site of its port is
 * refused (`not_found`, field `siteId`); every other disagreement — the site suspended,
 * revoked or otherwise not in use for the category on the arrival date by HQ's history —
 * keeps the record and flags it with the reason. Capacity is reported, not flagged.
 */
export function assessConsignmentAtHq(consignment: ConsignmentDraft, context: ConsignmentContext, hqNow: Date): Result<ConsignmentHqAssessment> {
  const { site } = context;
  if (site === null || site.id !== consignment.siteId || site.portId !== consignment.portId) {
    return fail('not_found', `HQ 在 ${consignment.portId} 口岸无指定监管场地 ${consignment.siteId} / HQ knows no designated site ${consignment.siteId} at port ${consignment.portId}`, 'siteId');
  }
  const at = hqNow.toISOString();
  const flags: ConsignmentFlag[] = [];
  const arrivalDate = cstDateOf(new Date(consignment.arrivedAt));
  const refusal = siteRefusal(consignment, site);
  if (refusal !== null && 'status' in refusal) {
    const text = describeSiteRefusal(refusal, consignment.category, consignment.portId);
    flags.push({
      code: FLAG_OF_REASON[refusal.reason],
      message: `HQ 复核（场地记录第 ${site.version} 版）：${text.zh}；该批货物 ${arrivalDate} 到场，柜台登记时可能尚未获知`,
      messageEn: `HQ re-check (site record v${site.version}): ${text.en}; the consignment arrived on ${arrivalDate}, which the desk may not have known when it recorded it`,
      at,
    });
  }
  const hqDay = cstDateOf(hqNow);
  const offset = daysBetween(hqDay, arrivalDate);
  if (offset < -ARRIVAL_DATE_PAST_DAYS || offset > ARRIVAL_DATE_FUTURE_DAYS) {
    flags.push({
      code: 'arrival_date_implausible',
      message: `到场日期 ${arrivalDate} 与 HQ 日期 ${hqDay} 相差 ${offset} 天`,
      messageEn: `Arrival date ${arrivalDate} is ${offset} days from HQ's date ${hqDay}`,
      at,
    });
  }
  return ok({ flags, warnings: capacityWarnings(consignment, site, context.usedThatDay), siteVersion: site.version });
}

/** The sites of a port that may take `category` on `date`, for the desk's picker. */
export function usableSites(sites: readonly Site[], portId: string, category: SiteCategory, date: string): Site[] {
  return sites.filter((site) => site.portId === portId && siteStatusOn(site, category, date).status === 'in_use');
}
