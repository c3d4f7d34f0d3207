import { z } from 'zod';
import { attachmentMetaSchema } from '../sync/blobs';
import { deviceIdSchema, idSchema, isoDateTimeSchema, portIdSchema } from './common';

/**
 * Inspections at a designated site (DOMAIN §2): the order (布控指令: requirement code,
 * dispatched when, risk hit, what to do) and the record the officer makes at the yard,
 * often offline: findings, result, disposal, deviations from the order and the photos
 * and scanned documents, attached by their SHA-256 (shared/sync/blobs.ts). The rules
 * tying them together are in rules/inspection-record.ts.
 */

export const INSPECTION_METHODS = [
  'document_check', // 单证核查
  'machine_scan', // 机检 (H986)
  'visual_exam', // 外观查验
  'unpacking', // 开箱 / 掏箱查验
  'quarantine_exam', // 检疫查验: pests, disease
  'sampling', // 取样送检
] as const;
export const inspectionMethodSchema = z.enum(INSPECTION_METHODS);
export type InspectionMethod = z.infer<typeof inspectionMethodSchema>;

export const INSPECTION_METHOD_LABELS: Record<InspectionMethod, { zh: string; en: string }> = {
  document_check: { zh: '单证核查', en: 'document check' },
  machine_scan: { zh: '机检', en: 'machine scan' },
  visual_exam: { zh: '外观查验', en: 'visual examination' },
  unpacking: { zh: '开箱查验', en: 'unpacking' },
  quarantine_exam: { zh: '检疫查验', en: 'quarantine examination' },
  sampling: { zh: '取样送检', en: 'sampling for the laboratory' },
};

export const INSPECTION_RESULTS = ['pass', 'fail'] as const; // 合格 / 不合格
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];
export const INSPECTION_RESULT_LABELS: Record<InspectionResult, { zh: string; en: string }> = {
  pass: { zh: '合格', en: 'pass' },
  fail: { zh: '不合格', en: 'fail' },
};

export const DISPOSALS = ['release', 'return', 'destroy', 'treat'] as const; // 放行 / 退运 / 销毁 / 处理
export type Disposal = (typeof DISPOSALS)[number];
export const DISPOSAL_LABELS: Record<Disposal, { zh: string; en: string }> = {
  release: { zh: '放行', en: 'release' },
  return: { zh: '退运', en: 'return' },
  destroy: { zh: '销毁', en: 'destroy' },
  treat: { zh: '检疫处理', en: 'treat' },
};

/** Each value once: a list of methods with a repeat is a mistake, not a stronger order. */
const uniqueMethods = (max: number) =>
  z
    .array(inspectionMethodSchema)
    .max(max)
    .refine((methods) => new Set(methods).size === methods.length, '查验方式重复 / a method listed twice');

export const requirementCodeSchema = z.string().regex(/^[A-Z0-9-]{2,32}$/, '布控指令代码：2–32 位大写字母、数字或 - / requirement code: 2–32 of A–Z, 0–9, -');

/** 布控指令: what is to be inspected, how, and why. */
export const inspectionOrderSchema = z.object({
  id: idSchema,
  portId: portIdSchema,
  consignmentId: idSchema,
  requirementCode: requirementCodeSchema,
  dispatchedAt: isoDateTimeSchema,
  /** 风险命中: the order comes from a risk rule's hit rather than a random draw. */
  isRiskHit: z.boolean(),
  methods: uniqueMethods(INSPECTION_METHODS.length).min(1, '至少一种查验方式 / at least one method'),
  /** 查验比例: share of the packages to open, when the order sets one. */
  proportionPercent: z.int().min(1).max(100).nullable(),
  instructions: z.string().trim().max(500),
});
export type InspectionOrder = z.infer<typeof inspectionOrderSchema>;

export const DEVIATION_KINDS = [
  'method_skipped', // an ordered method not done
  'method_added', // a method done that was not ordered
  'proportion_lower', // fewer packages opened than ordered
  'other', // anything else the officer did differently (place, time…)
] as const;
export type DeviationKind = (typeof DEVIATION_KINDS)[number];

/**
 * A way the inspection departed from the order. The reason may be blank in the schema
 * so that a form can hold it while the officer types; the record's rules refuse it blank.
 */
export const inspectionDeviationSchema = z
  .object({
    kind: z.enum(DEVIATION_KINDS),
    /** The method concerned, for method_skipped and method_added; null otherwise. */
    method: inspectionMethodSchema.nullable(),
    reason: z.string().trim().max(500),
  })
  .refine((d) => (d.kind === 'method_skipped' || d.kind === 'method_added') === (d.method !== null), {
    message: '仅“未做/增加查验方式”需注明方式 / a method is named exactly for method_skipped and method_added',
    path: ['method'],
  });
export type InspectionDeviation = z.infer<typeof inspectionDeviationSchema>;

export const inspectionAttachmentSchema = attachmentMetaSchema.extend({
  caption: z.string().trim().max(200),
});
export type InspectionAttachment = z.infer<typeof inspectionAttachmentSchema>;

export const MAX_INSPECTION_ATTACHMENTS = 50;

/** 查验记录, made by the officer at the site. */
export const inspectionRecordSchema = z.object({
  id: idSchema,
  portId: portIdSchema,
  orderId: idSchema,
  consignmentId: idSchema,
  officerId: idSchema,
  deviceId: deviceIdSchema,
  /** When the inspection was done, by the desk's clock (clocks lie). */
  inspectedAt: isoDateTimeSchema,
  methodsDone: uniqueMethods(INSPECTION_METHODS.length),
  /** Share of the packages opened; null when nothing was opened or no share applies. */
  proportionPercent: z.int().min(0).max(100).nullable(),
  findings: z.string().trim().max(2000),
  result: z.enum(INSPECTION_RESULTS),
  disposal: z.enum(DISPOSALS),
  deviations: z.array(inspectionDeviationSchema).max(20),
  attachments: z
    .array(inspectionAttachmentSchema)
    .max(MAX_INSPECTION_ATTACHMENTS)
    .refine((list) => new Set(list.map((a) => a.sha256)).size === list.length, '同一附件重复 / the same attachment twice'),
});
export type InspectionRecord = z.infer<typeof inspectionRecordSchema>;
