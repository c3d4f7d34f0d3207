import { z } from 'zod';
import { attachmentMetaSchema } from '../sync/blobs';
import { isoDateSchema, isoDateTimeSchema, portIdSchema } from './common';
import { isCreditCode } from './two-step-codes';

/**
 * Designated supervision sites (指定监管场地, GACC announcement 2019 No. 212, revised 2021
 * No. 4): HQ reference data, edited only in HQ's console and pulled by the port's desks.
 *
 * How a site is versioned, and why not like the goods list. A site's approval is a life
 * of dated acts (立项, 初审, 批复, 验收, 暂停, 恢复, 撤销), and the question every desk
 * asks is "was this site in use for this category on the day the truck arrived?" — often
 * days later, after being offline. So each category's approval is kept as its whole
 * event history (`approvals[].events`, each event dated when it takes effect) and the
 * status on any date is derived from it (rules/site-approval.ts `siteStatusOn`); HQ's
 * re-check of an old consignment reads the same history. Whole copies with an
 * `effectiveFrom` (goods-list style) would hold the same facts less directly: "suspended
 * since when" would mean comparing copies. Capacity, which does change by date, carries
 * its own `effectiveFrom` per category so that past days keep the capacity they had.
 * The record as a whole has a `version`, +1 on every HQ edit, which orders edits for
 * sync: a desk keeps the highest version it has pulled.
 */

/** Site codes, like market points: e.g. DX2B-FRUIT. */
export const siteIdSchema = z.string().regex(/^[A-Z0-9-]{2,32}$/, '场地编号：2–32 位大写字母、数字或 - / site id: 2–32 of A–Z, 0–9, -');

/** The categories of goods a site may be designated for (DOMAIN §2). */
export const SITE_CATEGORIES = [
  'meat', // 肉类
  'chilled_aquatic', // 冰鲜水产品
  'grain', // 粮食
  'fruit', // 水果
  'live_aquatic', // 食用水生动物
  'plant_seedlings', // 植物种苗
  'logs', // 原木
  'other_high_risk', // 其他高风险货物
] as const;
export const siteCategorySchema = z.enum(SITE_CATEGORIES);
export type SiteCategory = z.infer<typeof siteCategorySchema>;

export const SITE_CATEGORY_LABELS: Record<SiteCategory, { zh: string; en: string }> = {
  meat: { zh: '进境肉类', en: 'imported meat' },
  chilled_aquatic: { zh: '进境冰鲜水产品', en: 'chilled aquatic products' },
  grain: { zh: '进境粮食', en: 'imported grain' },
  fruit: { zh: '进境水果', en: 'imported fruit' },
  live_aquatic: { zh: '进境食用水生动物', en: 'live aquatic food animals' },
  plant_seedlings: { zh: '进境植物种苗', en: 'plant seedlings' },
  logs: { zh: '进境原木', en: 'logs' },
  other_high_risk: { zh: '其他高风险货物', en: 'other high-risk goods' },
};

/**
 * Where one category's approval stands. `none`: no application recorded. Only `in_use`
 * lets goods in. `revoked` is final: a new designation is a new application.
 */
export const SITE_STATUSES = [
  'none', // 未立项
  'project_approved', // 已立项
  'regional_reviewed', // 直属海关初审通过
  'gacc_approved', // 海关总署已批复
  'under_construction', // 建设中
  'awaiting_acceptance', // 建成待验收
  'rectifying', // 验收整改中
  'in_use', // 验收合格，已公布启用
  'suspended', // 暂停使用
  'revoked', // 已撤销
] as const;
export const siteStatusSchema = z.enum(SITE_STATUSES);
export type SiteStatus = z.infer<typeof siteStatusSchema>;

export const SITE_STATUS_LABELS: Record<SiteStatus, { zh: string; en: string }> = {
  none: { zh: '未立项', en: 'not applied for' },
  project_approved: { zh: '已立项', en: 'project approved' },
  regional_reviewed: { zh: '直属海关初审通过', en: 'passed the regional customs review' },
  gacc_approved: { zh: '海关总署已批复', en: 'approved by GACC' },
  under_construction: { zh: '建设中', en: 'under construction' },
  awaiting_acceptance: { zh: '建成待验收', en: 'built, awaiting acceptance' },
  rectifying: { zh: '验收整改中', en: 'rectifying after acceptance' },
  in_use: { zh: '已启用', en: 'in use' },
  suspended: { zh: '暂停使用', en: 'suspended' },
  revoked: { zh: '已撤销', en: 'revoked' },
};

/**
 * The acts of a category's approval life. Acceptance passed and "published and in use"
 * are one act (DOMAIN §2 puts nothing between them, and the issue has recording the
 * acceptance make a site usable); the publication is among its documents.
 */
export const SITE_EVENT_TYPES = [
  'approve_project', // 立项
  'pass_regional_review', // 直属海关初审通过
  'gacc_approve', // 海关总署批复
  'start_construction', // 开工建设
  'finish_construction', // 建成，申请验收
  'pass_acceptance', // 验收合格，公布启用
  'fail_acceptance', // 验收不合格，限期整改
  'finish_rectification', // 整改完毕，申请复验
  'suspend', // 暂停
  'resume', // 恢复
  'revoke', // 撤销
] as const;
export const siteEventTypeSchema = z.enum(SITE_EVENT_TYPES);
export type SiteEventType = z.infer<typeof siteEventTypeSchema>;

export const SITE_EVENT_LABELS: Record<SiteEventType, { zh: string; en: string }> = {
  approve_project: { zh: '立项', en: 'approve the project' },
  pass_regional_review: { zh: '直属海关初审通过', en: 'pass the regional customs review' },
  gacc_approve: { zh: '海关总署批复', en: 'record the GACC approval' },
  start_construction: { zh: '开工建设', en: 'start construction' },
  finish_construction: { zh: '建成并申请验收', en: 'finish construction' },
  pass_acceptance: { zh: '验收合格并启用', en: 'pass acceptance and bring into use' },
  fail_acceptance: { zh: '验收不合格、限期整改', en: 'fail acceptance (rectify)' },
  finish_rectification: { zh: '整改完毕、申请复验', en: 'finish rectification' },
  suspend: { zh: '暂停使用', en: 'suspend' },
  resume: { zh: '恢复使用', en: 'resume' },
  revoke: { zh: '撤销', en: 'revoke' },
};

/** A document an act rests on (批复, 验收意见, 暂停通知…). */
export const siteDocumentSchema = z.object({
  title: z.string().trim().min(1).max(200),
  /** 文号. Null until it is recorded: a number is copied from the document, never guessed. */
  number: z.string().trim().min(1).max(64).nullable(),
  issuer: z.string().trim().min(1).max(100),
  issuedOn: isoDateSchema.nullable(),
  /** The scanned document, as a blob (shared/sync/blobs.ts). */
  attachment: attachmentMetaSchema.nullable(),
});
export type SiteDocument = z.infer<typeof siteDocumentSchema>;

export const siteEventSchema = z.object({
  type: siteEventTypeSchema,
  /** The CST date the act takes effect: a site suspended on this date takes nothing from it on. */
  date: isoDateSchema,
  documents: z.array(siteDocumentSchema).max(20),
  note: z.string().trim().max(500),
  /** HQ's clock when an administrator recorded the act (the act's own date is `date`). */
  recordedAt: isoDateTimeSchema,
});
export type SiteEvent = z.infer<typeof siteEventSchema>;

/** One category's approval: its events in the order they happened (dates never go back). */
export const siteApprovalSchema = z.object({
  category: siteCategorySchema,
  events: z.array(siteEventSchema).max(500),
});
export type SiteApproval = z.infer<typeof siteApprovalSchema>;

export const FACILITY_KINDS = [
  'inspection_platform', // 查验平台
  'cold_room', // 冷库
  'holding_tank', // 暂养池
  'storage', // 存储仓库 / 暂存区
  'detention_room', // 扣留室
  'treatment_room', // 检疫处理室
  'lab', // 实验室 / 快速检测室
  'video_surveillance', // 视频监控
  'it_link', // 信息化系统: reports goods in, out and in storage
] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export const FACILITY_LABELS: Record<FacilityKind, { zh: string; en: string }> = {
  inspection_platform: { zh: '查验平台', en: 'inspection platform' },
  cold_room: { zh: '冷库', en: 'cold room' },
  holding_tank: { zh: '暂养池', en: 'holding tank' },
  storage: { zh: '存储仓库', en: 'storage' },
  detention_room: { zh: '扣留室', en: 'detention room' },
  treatment_room: { zh: '检疫处理室', en: 'treatment room' },
  lab: { zh: '快速检测室', en: 'laboratory' },
  video_surveillance: { zh: '视频监控', en: 'video surveillance' },
  it_link: { zh: '信息化监管系统', en: 'IT link' },
};

export const facilitySchema = z.object({
  kind: z.enum(FACILITY_KINDS),
  count: z.int().min(1).max(1000),
  note: z.string().trim().max(200),
});
export type Facility = z.infer<typeof facilitySchema>;

/**
 * What a site can take of one category in a day, from a date on. Either limit may be
 * absent, not both. The site-use table and the desk's warning compare against it.
 */
export const siteCapacitySchema = z
  .object({
    category: siteCategorySchema,
    effectiveFrom: isoDateSchema,
    /** 票 a day. */
    consignmentsPerDay: z.int().min(1).max(100_000).nullable(),
    /** Gross kg a day. */
    kgPerDay: z.number().positive().max(100_000_000).nullable(),
  })
  .refine((c) => c.consignmentsPerDay !== null || c.kgPerDay !== null, {
    message: '至少设定票数或重量上限之一 / a limit in consignments or in kg (or both)',
    path: ['consignmentsPerDay'],
  });
export type SiteCapacity = z.infer<typeof siteCapacitySchema>;

export const siteOperatorSchema = z.object({
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100),
  /** 统一社会信用代码, null until recorded. */
  creditCode: z.string().refine(isCreditCode, '统一社会信用代码校验不符 / unified social credit code with a valid check character').nullable(),
});
export type SiteOperator = z.infer<typeof siteOperatorSchema>;

/**
 * A site as HQ stores it and desks pull it. The schema checks the shape; HQ also runs
 * `checkSiteLives` (rules/site-approval.ts) before storing, so that every category's
 * history is a legal sequence of acts.
 */
export const siteSchema = z
  .object({
    id: siteIdSchema,
    portId: portIdSchema,
    name: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().max(100),
    operator: siteOperatorSchema,
    address: z.string().trim().min(1).max(200),
    facilities: z.array(facilitySchema).max(50),
    capacities: z.array(siteCapacitySchema).max(500),
    /** One per category the site was ever applied for; a combined site has several. */
    approvals: z.array(siteApprovalSchema).max(SITE_CATEGORIES.length),
    /** 1 when created, +1 on every edit at HQ. */
    version: z.int().min(1),
    updatedAt: isoDateTimeSchema,
  })
  .superRefine((site, ctx) => {
    const categories = new Set<SiteCategory>();
    site.approvals.forEach((approval, index) => {
      if (categories.has(approval.category)) {
        ctx.addIssue({ code: 'custom', message: `类别重复：${approval.category} / category listed twice`, path: ['approvals', index, 'category'] });
      }
      categories.add(approval.category);
    });
    const seen = new Set<string>();
    site.capacities.forEach((capacity, index) => {
      const key = `${capacity.category} ${capacity.effectiveFrom}`;
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', message: '同一类别同一生效日期的能力重复 / two capacities for one category from one date', path: ['capacities', index, 'effectiveFrom'] });
      }
      seen.add(key);
      if (!categories.has(capacity.category)) {
        ctx.addIssue({ code: 'custom', message: '该类别没有审批记录 / capacity for a category the site has no approval for', path: ['capacities', index, 'category'] });
      }
    });
  });
export type Site = z.infer<typeof siteSchema>;

/** The approval life of one category, or null when the site was never applied for it. */
export function approvalOf(site: Pick<Site, 'approvals'>, category: SiteCategory): SiteApproval | null {
  return site.approvals.find((approval) => approval.category === category) ?? null;
}

/** The capacity of one category in force on `date`: the latest from on or before it. */
export function capacityOn(site: Pick<Site, 'capacities'>, category: SiteCategory, date: string): SiteCapacity | null {
  let best: SiteCapacity | null = null;
  for (const capacity of site.capacities) {
    if (capacity.category !== category || capacity.effectiveFrom > date) continue;
    if (best === null || capacity.effectiveFrom > best.effectiveFrom) best = capacity;
  }
  return best;
}

/** "东兴口岸二桥进境水果指定监管场地 (DX2B-FRUIT)" for messages. */
export function siteLabel(site: Pick<Site, 'id' | 'name' | 'nameEn'>): { zh: string; en: string } {
  return { zh: `${site.name}（${site.id}）`, en: `${site.nameEn === '' ? site.name : site.nameEn} (${site.id})` };
}
