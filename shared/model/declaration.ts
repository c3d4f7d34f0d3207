import { z } from 'zod';
import { editStampSchema } from './conflict';
import { deviceIdSchema, fenSchema, idSchema, isoDateSchema, isoDateTimeSchema, portIdSchema } from './common';
import { gateWeightCheckSchema } from './gate-weight';
import { HS_PREFIX } from './goods-list';

/** One goods line of a mutual-market declaration. */
export const goodsLineSchema = z.object({
  hsCode: z.string().regex(HS_PREFIX, 'HS code: 2–10 digits'),
  name: z.string().trim().min(1).max(100),
  /** ISO 3166 alpha-2, e.g. VN. */
  originCountry: z.string().regex(/^[A-Z]{2}$/, 'origin: two capital letters (VN)'),
  quantity: z.number().positive().max(1_000_000),
  unit: z.string().min(1).max(8),
  grossKg: z.number().min(0).max(1_000_000),
  netKg: z.number().min(0).max(1_000_000),
  unitPriceFen: fenSchema,
  valueFen: fenSchema,
});
export type GoodsLine = z.infer<typeof goodsLineSchema>;

export const DECLARATION_STATUSES = ['declared', 'reviewed', 'inspected', 'released'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

/** Why HQ kept a record but marks it for a person to look at. */
export const FLAG_CODES = [
  'quota_exceeded_elsewhere',
  'goods_list_changed',
  'resident_inactive',
  'trade_date_implausible',
  'weight_cap_exceeded_elsewhere',
  /** A group member's share whose resident the group no longer lists (changed at HQ while the desk was offline). */
  'group_membership_changed',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];
export const flagSchema = z.object({
  code: z.enum(FLAG_CODES),
  message: z.string(),
  messageEn: z.string(),
  at: isoDateTimeSchema,
});
export type Flag = z.infer<typeof flagSchema>;

/**
 * What a desk creates: a mutual-market goods declaration (边民互市申报). The amounts are
 * the desk's own assessment; HQ assesses again and stores its own beside them.
 */
export const declarationDraftSchema = z.object({
  id: idSchema,
  portId: portIdSchema,
  pointId: z.string().regex(/^[A-Z0-9-]{2,32}$/),
  residentId: idSchema,
  certificateNo: z.string().max(32),
  residentName: z.string().max(64),
  tradeDate: isoDateSchema,
  /** The desk's clock when the officer saved (may be wrong: clocks lie). */
  declaredAt: isoDateTimeSchema,
  vehiclePlate: z.string().max(16).nullable(),
  carPool: z.boolean(), // 拼车
  lines: z.array(goodsLineSchema).min(1, 'at least one goods line').max(50),
  totalFen: fenSchema,
  exemptFen: fenSchema, // 免税部分
  taxableFen: fenSchema, // 应税部分
  policyVersion: z.int().positive(),
  goodsListVersion: z.int().positive(),
  officerId: idSchema,
  deviceId: deviceIdSchema,
  /** The officer's note (备注); editable after saving. */
  remarks: z.string().max(200).optional(),
  /** The group declaration (互助组申报) this is a member's share of; absent for a resident's own declaration. */
  groupDeclarationId: idSchema.optional(),
});
export type DeclarationDraft = z.infer<typeof declarationDraftSchema>;

/** A declaration as HQ holds it and desks pull it. */
export const declarationSchema = declarationDraftSchema.extend({
  status: z.enum(DECLARATION_STATUSES),
  /** HQ's own assessment, authoritative. Null until HQ has seen the record. */
  hqExemptFen: fenSchema.nullable(),
  hqTaxableFen: fenSchema.nullable(),
  hqReceivedAt: isoDateTimeSchema.nullable(),
  flags: z.array(flagSchema),
  /** 1 when created; +1 for each change HQ applied (shared/rules/field-merge.ts). */
  version: z.int().min(1).default(1),
  /** The last change of each edited field: who, when, from which desk. */
  edits: z.record(z.string(), editStampSchema).default({}),
  /**
   * The rest of its life (shared/rules/declaration-life.ts), set by declaration.event:
   * absent until then (a record as created, or stored before issue 4), which reads as
   * no review yet, not chosen, not weighed (declarationLifeOf).
   */
  riskHit: z.boolean().nullable().optional(), // 风险布控命中
  isChosenForInspection: z.boolean().optional(),
  gateCheck: gateWeightCheckSchema.nullable().optional(), // 卡口过磅
});
export type Declaration = z.infer<typeof declarationSchema>;

/**
 * Fields a desk may change after saving (declaration.update). The rest is what the
 * duty-free assessment rests on and is never edited: a wrong declaration is voided and
 * declared again (issue 4).
 */
export const declarationChangesSchema = z
  .object({
    vehiclePlate: z.string().max(16).nullable(),
    carPool: z.boolean(),
    remarks: z.string().max(200),
  })
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, 'at least one field to change');
export type DeclarationChanges = z.infer<typeof declarationChangesSchema>;
export const DECLARATION_EDITABLE_FIELDS = ['vehiclePlate', 'carPool', 'remarks'] as const;
