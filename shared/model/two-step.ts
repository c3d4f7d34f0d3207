import { z } from 'zod';
import { deviceIdSchema, fenSchema, idSchema, isoDateSchema, isoDateTimeSchema, portIdSchema } from './common';
import { ENTRY_NUMBER } from './two-step-codes';

/**
 * A two-step import entry (两步申报). The schema is the shape a desk may store, drafts
 * included: flag-dependent and format rules (credit code check character, HS code length,
 * licence, inspection items, guarantee) are checked by `checkSummaryDeclaration`, which
 * reports every problem at once with its field, instead of refusing to save a draft.
 */

/** Summary-stage flags ("9+2+N"): each adds required items. */
export const twoStepFlagsSchema = z.object({
  licence: z.boolean(), // 涉证: licence number and documents
  inspection: z.boolean(), // 涉检: the 5 inspection items, 10-digit commodity code
  taxable: z.boolean(), // 涉税: guarantee filing number
});
export type TwoStepFlags = z.infer<typeof twoStepFlagsSchema>;

/** 境内收货人. */
export const consigneeSchema = z.object({
  name: z.string().trim().max(100),
  /** 统一社会信用代码, 18 characters (GB 32100-2015). */
  creditCode: z.string().trim().toUpperCase().max(18),
});
export type Consignee = z.infer<typeof consigneeSchema>;

/** 运输方式: land-border ports see road and rail most. */
export const TRANSPORT_MODES = ['road', 'rail', 'waterway', 'air'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

export const transportMeansSchema = z.object({
  mode: z.enum(TRANSPORT_MODES),
  /** 运输工具名称: vehicle plate, train or vessel name. */
  name: z.string().trim().max(64),
  voyageNo: z.string().trim().max(32).nullable(), // 航次号
  /**
   * 运输工具申报进境 date (CST). The full-declaration deadline runs from it. Null while the
   * carrier has not declared yet: a summary may be declared in advance (提前申报).
   */
  declaredOn: isoDateSchema.nullable(),
});
export type TransportMeans = z.infer<typeof transportMeansSchema>;

/** The per-line items 涉检 adds (the fifth is the container–line relation, on containers). */
export const lineInspectionSchema = z.object({
  qualification: z.string().trim().max(64), // 产品资质: licence, approval or filing number
  ciqName: z.string().trim().max(100), // 检验检疫名称, goes with the 10-digit code
  goodsAttribute: z.string().trim().max(32), // 货物属性
  purpose: z.string().trim().max(32), // 用途
});
export type LineInspection = z.infer<typeof lineInspectionSchema>;

export const twoStepLineSchema = z.object({
  /** 商品编号: digits only; 6 at least, 10 when 涉检 (checked by the summary check). */
  hsCode: z.string().trim().regex(/^\d{0,10}$/, 'HS code: digits only, at most 10'),
  name: z.string().trim().max(100), // 商品名称
  quantity: z.number().min(0).max(1_000_000_000),
  unit: z.string().trim().max(8),
  valueFen: fenSchema, // 总价, in RMB fen
  /** ISO 3166 alpha-2 origin, e.g. VN. */
  originCountry: z.string().trim().toUpperCase().max(2),
  grossKg: z.number().min(0).max(1_000_000_000), // 毛重, a logistics item
  inspection: lineInspectionSchema.nullable(),
});
export type TwoStepLine = z.infer<typeof twoStepLineSchema>;

export const containerSchema = z.object({
  /** ISO 6346, e.g. CSQU3054383. */
  number: z.string().trim().toUpperCase().max(11),
  /** 集装箱商品项号关系: 1-based goods line numbers loaded in this container. */
  lineNos: z.array(z.int().min(1).max(50)).max(50),
});
export type Container = z.infer<typeof containerSchema>;

export const accompanyingDocumentSchema = z.object({
  code: z.string().trim().max(4), // 随附单证代码
  number: z.string().trim().max(64),
});

/** 涉证: the licence and its accompanying documents. */
export const licenceSchema = z.object({
  number: z.string().trim().max(64),
  documents: z.array(accompanyingDocumentSchema).max(20),
});
export type Licence = z.infer<typeof licenceSchema>;

export const twoStepEntrySchema = z.object({
  id: idSchema,
  portId: portIdSchema,
  /** 报关单号, one for both steps; null until customs accepts the summary (SpL). */
  entryNo: z.string().regex(ENTRY_NUMBER, 'entry number: 18 digits, customs code + year + 1 (import) + serial').nullable(),
  consignee: consigneeSchema,
  transport: transportMeansSchema,
  billOfLadingNo: z.string().trim().max(32), // 提运单号
  tradeMode: z.string().trim().max(4), // 监管方式, e.g. 0110 一般贸易
  flags: twoStepFlagsSchema,
  lines: z.array(twoStepLineSchema).max(50),
  containers: z.array(containerSchema).max(200),
  licence: licenceSchema.nullable(),
  guaranteeNo: z.string().trim().max(32).nullable(), // 担保备案编号
  officerId: idSchema,
  deviceId: deviceIdSchema,
  createdAt: isoDateTimeSchema,
});
export type TwoStepEntry = z.infer<typeof twoStepEntrySchema>;

/** Declared value of the entry, the basis of the late-fee estimate (customs uses the dutiable value). */
export function entryValueFen(entry: Pick<TwoStepEntry, 'lines'>): number {
  return entry.lines.reduce((sum, line) => sum + line.valueFen, 0);
}
