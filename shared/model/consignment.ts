import { z } from 'zod';
import { deviceIdSchema, idSchema, isoDateTimeSchema, portIdSchema } from './common';
import { HS_PREFIX } from './goods-list';
import { siteCategorySchema, siteIdSchema } from './site';

/**
 * A consignment at the inspection yard (到场货物): goods of one category, arrived by one
 * vehicle, sent to a designated site. The desk records it offline; HQ re-checks the
 * site's status on the arrival date (rules/consignment-check.ts) and flags what it finds.
 */

/**
 * Vehicle plates at the yard are Chinese or Vietnamese (and other ASEAN) plates, so any
 * letters and digits are taken, in the stored form: what the officer typed passed
 * through `normalizePlate` (model/processing.ts: no spaces, dots or dashes, upper case). The schema checks
 * that form rather than changing the value, so that a record parses to itself.
 */
export const yardPlateSchema = z
  .string()
  .regex(/^[\p{Lu}\p{Lo}\p{N}]{2,16}$/u, '车牌：2–16 位大写字母或数字，不含空格和符号 / vehicle plate: 2–16 capital letters or digits, no spaces or signs');

export function isYardPlate(plate: string): boolean {
  return yardPlateSchema.safeParse(plate).success;
}

export const consignmentDraftSchema = z.object({
  id: idSchema,
  portId: portIdSchema,
  siteId: siteIdSchema,
  category: siteCategorySchema,
  /** When the goods arrived at the yard, as the officer recorded it; its CST date decides which site status applies. */
  arrivedAt: isoDateTimeSchema,
  goodsName: z.string().trim().min(1).max(100),
  /** HS code when known at arrival. */
  hsCode: z.string().regex(HS_PREFIX, 'HS 编码：2–10 位数字 / HS code: 2–10 digits').nullable(),
  /** ISO 3166 alpha-2, e.g. VN. */
  originCountry: z.string().regex(/^[A-Z]{2}$/, '原产国：两位大写字母（如 VN）/ origin: two capital letters (VN)'),
  quantity: z.number().positive().max(1_000_000),
  unit: z.string().trim().min(1).max(8),
  grossKg: z.number().positive().max(1_000_000),
  vehiclePlate: yardPlateSchema,
  officerId: idSchema,
  deviceId: deviceIdSchema,
  /** The desk's clock when the officer saved (clocks lie). */
  recordedAt: isoDateTimeSchema,
});
export type ConsignmentDraft = z.infer<typeof consignmentDraftSchema>;

/** Why HQ kept a consignment but marks it for a person to look at. */
export const CONSIGNMENT_FLAG_CODES = [
  'site_not_approved', // the site is not approved for the category (never applied, or not yet through the steps)
  'site_not_in_use', // approved but not yet in use on that date (construction, acceptance, rectification)
  'site_suspended', // 暂停: typically while the desk was offline
  'site_revoked', // 撤销
  'arrival_date_implausible', // the desk's clock or the officer's entry is far from HQ's day
] as const;
export type ConsignmentFlagCode = (typeof CONSIGNMENT_FLAG_CODES)[number];

export const consignmentFlagSchema = z.object({
  code: z.enum(CONSIGNMENT_FLAG_CODES),
  message: z.string(),
  messageEn: z.string(),
  at: isoDateTimeSchema,
});
export type ConsignmentFlag = z.infer<typeof consignmentFlagSchema>;

/** A consignment as HQ holds it and desks pull it. */
export const consignmentSchema = consignmentDraftSchema.extend({
  hqReceivedAt: isoDateTimeSchema.nullable(),
  flags: z.array(consignmentFlagSchema),
  /** The site record's version HQ checked against, null until HQ has seen the consignment. */
  hqSiteVersion: z.int().min(1).nullable(),
});
export type Consignment = z.infer<typeof consignmentSchema>;
